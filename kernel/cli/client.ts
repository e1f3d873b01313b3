// How a CLI command reaches a kernel: a running `qmk serve` (--connect
// SOCKET|tcp://…|http://…, or DIR/qmk.sock when a server holds the data
// directory) or the data directory itself, embedded. Either way it is the
// same typed method table and one session.
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { createKernel } from "../index.js";
import { defaultDataDir } from "../syscall/core.js";
import type { MethodName, ParamsOf, ResultOf } from "../syscall/schema.js";
import type { Right } from "../security/rights.js";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";
import { HttpTransport } from "../../dsl/transport/http.js";
import { MissingError, UsageError, readInput } from "./io.js";

export interface ConnectOpts {
  dataDir?: string;
  /** SOCKET path, tcp://127.0.0.1:N or http://127.0.0.1:N */
  connect?: string;
  /** file holding the token (default DIR/admin.token); "-" reads stdin */
  token?: string;
}

/** Params as a command writes them: the client adds the session. */
export type Call = <M extends MethodName>(method: M, params: Omit<ParamsOf<M>, "session_id">) => Promise<ResultOf<M>>;

export interface Client {
  call: Call;
  /** the tenant the session belongs to */
  tenant: string;
  /** "embedded DIR" or the server address */
  where: string;
  close(): Promise<void>;
}

interface RawDoor {
  call(method: string, params: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void> | void;
}

/** The rights of a token `qmk run --tenant` mints for a tenant: everything but the operator's. */
export const RUN_RIGHTS: readonly Right[] = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK", "CAP_TELEPORT", "CAP_MAGIC"];

function socketAnswers(sock: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection({ path: sock });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

async function remote(address: string): Promise<RawDoor> {
  if (address.startsWith("http://")) return new HttpTransport(address);
  if (/^[a-z]+:\/\//.test(address) && !address.startsWith("tcp://")) throw new UsageError(`--connect takes a socket path, tcp://127.0.0.1:N or http://127.0.0.1:N; got ${address}`);
  if (!address.startsWith("tcp://") && !fs.existsSync(address.replace(/^unix:/, ""))) throw new MissingError(`${address}: no such socket (is qmk serve running?)`);
  return JsonRpcTransport.connect(address);
}

function tokenFrom(file: string): string {
  let t: string;
  try {
    t = readInput(file).trim();
  } catch (e) {
    if (e instanceof MissingError) throw new MissingError(`${file}: no token file (pass --token FILE)`);
    throw e;
  }
  if (!t) throw new MissingError(`${file} holds no token`);
  return t;
}

export interface OpenOptions {
  /** run as this tenant: without a token file, the operator's token mints a short-lived one for it */
  asTenant?: string;
  /** embedded: create the demo tenant (qmk run) and use its token when no other is named */
  demo?: boolean;
  /** embedded: simulator precision (qmk run --precision) */
  precision?: "double" | "single";
}

/**
 * Open a client: remote with --connect (or when a server answers on
 * DIR/qmk.sock), else the data directory embedded. The token is --token's
 * file, else the admin token of the data directory (or the demo tenant's,
 * for `qmk run`).
 */
export async function openClient(opts: ConnectOpts, open: OpenOptions = {}): Promise<Client> {
  const dir = path.resolve(opts.dataDir ?? defaultDataDir());
  let door: RawDoor;
  let where: string;
  let token: string | null = opts.token ? tokenFrom(opts.token) : null;
  let embeddedDefault: string | null = null;
  const adminFile = path.join(dir, "admin.token");
  if (opts.connect) {
    door = await remote(opts.connect);
    where = opts.connect;
  } else {
    const sock = path.join(dir, "qmk.sock");
    if (fs.existsSync(sock) && (await socketAnswers(sock))) {
      // A server holds the directory: talk to it rather than fail on its lock.
      door = await JsonRpcTransport.connect(sock);
      where = sock;
    } else {
      if (!open.demo && (!fs.existsSync(dir) || !fs.existsSync(path.join(dir, "root.key")))) {
        throw new MissingError(`${dir}: no QMK data directory (start one with \`qmk serve --data-dir ${dir}\`, or pass --data-dir)`);
      }
      const k = await createKernel({ dataDir: dir, ...(open.demo ? { demoTenant: true } : {}), ...(open.precision ? { precision: open.precision } : {}) });
      door = { call: (m, p) => k.call(m, p), close: () => k.close() };
      where = `embedded ${dir}`;
      embeddedDefault = open.demo && !open.asTenant ? k.demoToken : k.adminToken;
    }
  }
  const negotiate = async (t: string) => (await door.call("q_negotiate_caps", { token: t })) as ResultOf<"q_negotiate_caps">;
  let session: ResultOf<"q_negotiate_caps">;
  try {
    if (!token && open.asTenant) {
      // The operator acts as the tenant: a token for it, minted with the operator's own (audited as cap.grant).
      const op = await negotiate(embeddedDefault ?? tokenFrom(adminFile));
      const minted = (await door.call("q_mint_token", { session_id: op.session_id, tenant_id: open.asTenant, rights: [...RUN_RIGHTS], expires_at: Date.now() + 3600_000 })) as ResultOf<"q_mint_token">;
      await door.call("q_close_session", { session_id: op.session_id }).catch(() => {});
      token = minted.token;
    }
    token ??= embeddedDefault ?? tokenFrom(adminFile);
    session = await negotiate(token);
    if (open.asTenant && session.tenant !== open.asTenant && session.tenant.split("#")[0] !== open.asTenant) {
      throw new UsageError(`the token belongs to tenant ${session.tenant}, not ${open.asTenant}`);
    }
  } catch (e) {
    await door.close();
    throw e;
  }
  const sid = session.session_id;
  return {
    where,
    tenant: session.tenant,
    call: ((method: string, params: Record<string, unknown>) => door.call(method, { ...params, session_id: sid })) as Call,
    close: async () => {
      await door.call("q_close_session", { session_id: sid }).catch(() => {});
      await door.close();
    },
  };
}
