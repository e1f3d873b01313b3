
import * as antlr from "antlr4ng";
import { Token } from "antlr4ng";

import { qasm3ParserVisitor } from "./qasm3ParserVisitor.js";

// for running tests with parameters, TODO: discuss strategy for typed parameters in CI
// eslint-disable-next-line no-unused-vars
type int = number;


export class qasm3Parser extends antlr.Parser {
    public static readonly OPENQASM = 1;
    public static readonly INCLUDE = 2;
    public static readonly DEFCALGRAMMAR = 3;
    public static readonly DEF = 4;
    public static readonly CAL = 5;
    public static readonly DEFCAL = 6;
    public static readonly GATE = 7;
    public static readonly EXTERN = 8;
    public static readonly BOX = 9;
    public static readonly LET = 10;
    public static readonly BREAK = 11;
    public static readonly CONTINUE = 12;
    public static readonly IF = 13;
    public static readonly ELSE = 14;
    public static readonly END = 15;
    public static readonly RETURN = 16;
    public static readonly FOR = 17;
    public static readonly WHILE = 18;
    public static readonly IN = 19;
    public static readonly SWITCH = 20;
    public static readonly CASE = 21;
    public static readonly DEFAULT = 22;
    public static readonly NOP = 23;
    public static readonly PRAGMA = 24;
    public static readonly AnnotationKeyword = 25;
    public static readonly INPUT = 26;
    public static readonly OUTPUT = 27;
    public static readonly CONST = 28;
    public static readonly READONLY = 29;
    public static readonly MUTABLE = 30;
    public static readonly QREG = 31;
    public static readonly QUBIT = 32;
    public static readonly CREG = 33;
    public static readonly BOOL = 34;
    public static readonly BIT = 35;
    public static readonly INT = 36;
    public static readonly UINT = 37;
    public static readonly FLOAT = 38;
    public static readonly ANGLE = 39;
    public static readonly COMPLEX = 40;
    public static readonly ARRAY = 41;
    public static readonly VOID = 42;
    public static readonly DURATION = 43;
    public static readonly STRETCH = 44;
    public static readonly GPHASE = 45;
    public static readonly INV = 46;
    public static readonly POW = 47;
    public static readonly CTRL = 48;
    public static readonly NEGCTRL = 49;
    public static readonly DIM = 50;
    public static readonly DURATIONOF = 51;
    public static readonly DELAY = 52;
    public static readonly RESET = 53;
    public static readonly MEASURE = 54;
    public static readonly BARRIER = 55;
    public static readonly BooleanLiteral = 56;
    public static readonly LBRACKET = 57;
    public static readonly RBRACKET = 58;
    public static readonly LBRACE = 59;
    public static readonly RBRACE = 60;
    public static readonly LPAREN = 61;
    public static readonly RPAREN = 62;
    public static readonly COLON = 63;
    public static readonly SEMICOLON = 64;
    public static readonly DOT = 65;
    public static readonly COMMA = 66;
    public static readonly EQUALS = 67;
    public static readonly ARROW = 68;
    public static readonly PLUS = 69;
    public static readonly DOUBLE_PLUS = 70;
    public static readonly MINUS = 71;
    public static readonly ASTERISK = 72;
    public static readonly DOUBLE_ASTERISK = 73;
    public static readonly SLASH = 74;
    public static readonly PERCENT = 75;
    public static readonly PIPE = 76;
    public static readonly DOUBLE_PIPE = 77;
    public static readonly AMPERSAND = 78;
    public static readonly DOUBLE_AMPERSAND = 79;
    public static readonly CARET = 80;
    public static readonly AT = 81;
    public static readonly TILDE = 82;
    public static readonly EXCLAMATION_POINT = 83;
    public static readonly EqualityOperator = 84;
    public static readonly CompoundAssignmentOperator = 85;
    public static readonly ComparisonOperator = 86;
    public static readonly BitshiftOperator = 87;
    public static readonly IMAG = 88;
    public static readonly ImaginaryLiteral = 89;
    public static readonly BinaryIntegerLiteral = 90;
    public static readonly OctalIntegerLiteral = 91;
    public static readonly DecimalIntegerLiteral = 92;
    public static readonly HexIntegerLiteral = 93;
    public static readonly Identifier = 94;
    public static readonly HardwareQubit = 95;
    public static readonly FloatLiteral = 96;
    public static readonly TimingLiteral = 97;
    public static readonly BitstringLiteral = 98;
    public static readonly Whitespace = 99;
    public static readonly Newline = 100;
    public static readonly LineComment = 101;
    public static readonly BlockComment = 102;
    public static readonly VERSION_IDENTIFER_WHITESPACE = 103;
    public static readonly VersionSpecifier = 104;
    public static readonly ARBITRARY_STRING_WHITESPACE = 105;
    public static readonly StringLiteral = 106;
    public static readonly EAT_INITIAL_SPACE = 107;
    public static readonly EAT_LINE_END = 108;
    public static readonly RemainingLineContent = 109;
    public static readonly CAL_PRELUDE_WHITESPACE = 110;
    public static readonly CAL_PRELUDE_COMMENT = 111;
    public static readonly DEFCAL_PRELUDE_WHITESPACE = 112;
    public static readonly DEFCAL_PRELUDE_COMMENT = 113;
    public static readonly CalibrationBlock = 114;
    public static readonly RULE_program = 0;
    public static readonly RULE_version = 1;
    public static readonly RULE_statement = 2;
    public static readonly RULE_annotation = 3;
    public static readonly RULE_scope = 4;
    public static readonly RULE_pragma = 5;
    public static readonly RULE_statementOrScope = 6;
    public static readonly RULE_calibrationGrammarStatement = 7;
    public static readonly RULE_includeStatement = 8;
    public static readonly RULE_breakStatement = 9;
    public static readonly RULE_continueStatement = 10;
    public static readonly RULE_endStatement = 11;
    public static readonly RULE_forStatement = 12;
    public static readonly RULE_ifStatement = 13;
    public static readonly RULE_returnStatement = 14;
    public static readonly RULE_whileStatement = 15;
    public static readonly RULE_switchStatement = 16;
    public static readonly RULE_switchCaseItem = 17;
    public static readonly RULE_barrierStatement = 18;
    public static readonly RULE_boxStatement = 19;
    public static readonly RULE_delayStatement = 20;
    public static readonly RULE_nopStatement = 21;
    public static readonly RULE_gateCallStatement = 22;
    public static readonly RULE_measureArrowAssignmentStatement = 23;
    public static readonly RULE_resetStatement = 24;
    public static readonly RULE_aliasDeclarationStatement = 25;
    public static readonly RULE_classicalDeclarationStatement = 26;
    public static readonly RULE_constDeclarationStatement = 27;
    public static readonly RULE_ioDeclarationStatement = 28;
    public static readonly RULE_oldStyleDeclarationStatement = 29;
    public static readonly RULE_quantumDeclarationStatement = 30;
    public static readonly RULE_defStatement = 31;
    public static readonly RULE_externStatement = 32;
    public static readonly RULE_gateStatement = 33;
    public static readonly RULE_assignmentStatement = 34;
    public static readonly RULE_expressionStatement = 35;
    public static readonly RULE_calStatement = 36;
    public static readonly RULE_defcalStatement = 37;
    public static readonly RULE_expression = 38;
    public static readonly RULE_aliasExpression = 39;
    public static readonly RULE_declarationExpression = 40;
    public static readonly RULE_measureExpression = 41;
    public static readonly RULE_quantumCallExpression = 42;
    public static readonly RULE_rangeExpression = 43;
    public static readonly RULE_setExpression = 44;
    public static readonly RULE_arrayLiteral = 45;
    public static readonly RULE_indexOperator = 46;
    public static readonly RULE_indexedIdentifier = 47;
    public static readonly RULE_returnSignature = 48;
    public static readonly RULE_gateModifier = 49;
    public static readonly RULE_scalarType = 50;
    public static readonly RULE_qubitType = 51;
    public static readonly RULE_arrayType = 52;
    public static readonly RULE_arrayReferenceType = 53;
    public static readonly RULE_designator = 54;
    public static readonly RULE_defcalTarget = 55;
    public static readonly RULE_defcalArgumentDefinition = 56;
    public static readonly RULE_defcalOperand = 57;
    public static readonly RULE_gateOperand = 58;
    public static readonly RULE_externArgument = 59;
    public static readonly RULE_argumentDefinition = 60;
    public static readonly RULE_argumentDefinitionList = 61;
    public static readonly RULE_defcalArgumentDefinitionList = 62;
    public static readonly RULE_defcalOperandList = 63;
    public static readonly RULE_expressionList = 64;
    public static readonly RULE_identifierList = 65;
    public static readonly RULE_gateOperandList = 66;
    public static readonly RULE_externArgumentList = 67;

    public static readonly literalNames = [
        null, "'OPENQASM'", "'include'", "'defcalgrammar'", "'def'", "'cal'", 
        "'defcal'", "'gate'", "'extern'", "'box'", "'let'", "'break'", "'continue'", 
        "'if'", "'else'", "'end'", "'return'", "'for'", "'while'", "'in'", 
        "'switch'", "'case'", "'default'", "'nop'", null, null, "'input'", 
        "'output'", "'const'", "'readonly'", "'mutable'", "'qreg'", "'qubit'", 
        "'creg'", "'bool'", "'bit'", "'int'", "'uint'", "'float'", "'angle'", 
        "'complex'", "'array'", "'void'", "'duration'", "'stretch'", "'gphase'", 
        "'inv'", "'pow'", "'ctrl'", "'negctrl'", "'#dim'", "'durationof'", 
        "'delay'", "'reset'", "'measure'", "'barrier'", null, "'['", "']'", 
        "'{'", "'}'", "'('", "')'", "':'", "';'", "'.'", "','", "'='", "'->'", 
        "'+'", "'++'", "'-'", "'*'", "'**'", "'/'", "'%'", "'|'", "'||'", 
        "'&'", "'&&'", "'^'", "'@'", "'~'", "'!'", null, null, null, null, 
        "'im'"
    ];

    public static readonly symbolicNames = [
        null, "OPENQASM", "INCLUDE", "DEFCALGRAMMAR", "DEF", "CAL", "DEFCAL", 
        "GATE", "EXTERN", "BOX", "LET", "BREAK", "CONTINUE", "IF", "ELSE", 
        "END", "RETURN", "FOR", "WHILE", "IN", "SWITCH", "CASE", "DEFAULT", 
        "NOP", "PRAGMA", "AnnotationKeyword", "INPUT", "OUTPUT", "CONST", 
        "READONLY", "MUTABLE", "QREG", "QUBIT", "CREG", "BOOL", "BIT", "INT", 
        "UINT", "FLOAT", "ANGLE", "COMPLEX", "ARRAY", "VOID", "DURATION", 
        "STRETCH", "GPHASE", "INV", "POW", "CTRL", "NEGCTRL", "DIM", "DURATIONOF", 
        "DELAY", "RESET", "MEASURE", "BARRIER", "BooleanLiteral", "LBRACKET", 
        "RBRACKET", "LBRACE", "RBRACE", "LPAREN", "RPAREN", "COLON", "SEMICOLON", 
        "DOT", "COMMA", "EQUALS", "ARROW", "PLUS", "DOUBLE_PLUS", "MINUS", 
        "ASTERISK", "DOUBLE_ASTERISK", "SLASH", "PERCENT", "PIPE", "DOUBLE_PIPE", 
        "AMPERSAND", "DOUBLE_AMPERSAND", "CARET", "AT", "TILDE", "EXCLAMATION_POINT", 
        "EqualityOperator", "CompoundAssignmentOperator", "ComparisonOperator", 
        "BitshiftOperator", "IMAG", "ImaginaryLiteral", "BinaryIntegerLiteral", 
        "OctalIntegerLiteral", "DecimalIntegerLiteral", "HexIntegerLiteral", 
        "Identifier", "HardwareQubit", "FloatLiteral", "TimingLiteral", 
        "BitstringLiteral", "Whitespace", "Newline", "LineComment", "BlockComment", 
        "VERSION_IDENTIFER_WHITESPACE", "VersionSpecifier", "ARBITRARY_STRING_WHITESPACE", 
        "StringLiteral", "EAT_INITIAL_SPACE", "EAT_LINE_END", "RemainingLineContent", 
        "CAL_PRELUDE_WHITESPACE", "CAL_PRELUDE_COMMENT", "DEFCAL_PRELUDE_WHITESPACE", 
        "DEFCAL_PRELUDE_COMMENT", "CalibrationBlock"
    ];
    public static readonly ruleNames = [
        "program", "version", "statement", "annotation", "scope", "pragma", 
        "statementOrScope", "calibrationGrammarStatement", "includeStatement", 
        "breakStatement", "continueStatement", "endStatement", "forStatement", 
        "ifStatement", "returnStatement", "whileStatement", "switchStatement", 
        "switchCaseItem", "barrierStatement", "boxStatement", "delayStatement", 
        "nopStatement", "gateCallStatement", "measureArrowAssignmentStatement", 
        "resetStatement", "aliasDeclarationStatement", "classicalDeclarationStatement", 
        "constDeclarationStatement", "ioDeclarationStatement", "oldStyleDeclarationStatement", 
        "quantumDeclarationStatement", "defStatement", "externStatement", 
        "gateStatement", "assignmentStatement", "expressionStatement", "calStatement", 
        "defcalStatement", "expression", "aliasExpression", "declarationExpression", 
        "measureExpression", "quantumCallExpression", "rangeExpression", 
        "setExpression", "arrayLiteral", "indexOperator", "indexedIdentifier", 
        "returnSignature", "gateModifier", "scalarType", "qubitType", "arrayType", 
        "arrayReferenceType", "designator", "defcalTarget", "defcalArgumentDefinition", 
        "defcalOperand", "gateOperand", "externArgument", "argumentDefinition", 
        "argumentDefinitionList", "defcalArgumentDefinitionList", "defcalOperandList", 
        "expressionList", "identifierList", "gateOperandList", "externArgumentList",
    ];

    public get grammarFileName(): string { return "qasm3Parser.g4"; }
    public get literalNames(): (string | null)[] { return qasm3Parser.literalNames; }
    public get symbolicNames(): (string | null)[] { return qasm3Parser.symbolicNames; }
    public get ruleNames(): string[] { return qasm3Parser.ruleNames; }
    public get serializedATN(): number[] { return qasm3Parser._serializedATN; }

    protected createFailedPredicateException(predicate?: string, message?: string): antlr.FailedPredicateException {
        return new antlr.FailedPredicateException(this, predicate, message);
    }

    public constructor(input: antlr.TokenStream) {
        super(input);
        this.interpreter = new antlr.ParserATNSimulator(this, qasm3Parser._ATN, qasm3Parser.decisionsToDFA, new antlr.PredictionContextCache());
    }
    public program(): ProgramContext {
        let localContext = new ProgramContext(this.context, this.state);
        this.enterRule(localContext, 0, qasm3Parser.RULE_program);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 137;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 1) {
                {
                this.state = 136;
                this.version();
                }
            }

            this.state = 142;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while ((((_la) & ~0x1F) === 0 && ((1 << _la) & 2677522428) !== 0) || ((((_la - 32)) & ~0x1F) === 0 && ((1 << (_la - 32)) & 704379903) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                {
                {
                this.state = 139;
                this.statementOrScope();
                }
                }
                this.state = 144;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
            }
            this.state = 145;
            this.match(qasm3Parser.EOF);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public version(): VersionContext {
        let localContext = new VersionContext(this.context, this.state);
        this.enterRule(localContext, 2, qasm3Parser.RULE_version);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 147;
            this.match(qasm3Parser.OPENQASM);
            this.state = 148;
            this.match(qasm3Parser.VersionSpecifier);
            this.state = 149;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public statement(): StatementContext {
        let localContext = new StatementContext(this.context, this.state);
        this.enterRule(localContext, 4, qasm3Parser.RULE_statement);
        let _la: number;
        try {
            this.state = 190;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.PRAGMA:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 151;
                this.pragma();
                }
                break;
            case qasm3Parser.INCLUDE:
            case qasm3Parser.DEFCALGRAMMAR:
            case qasm3Parser.DEF:
            case qasm3Parser.CAL:
            case qasm3Parser.DEFCAL:
            case qasm3Parser.GATE:
            case qasm3Parser.EXTERN:
            case qasm3Parser.BOX:
            case qasm3Parser.LET:
            case qasm3Parser.BREAK:
            case qasm3Parser.CONTINUE:
            case qasm3Parser.IF:
            case qasm3Parser.END:
            case qasm3Parser.RETURN:
            case qasm3Parser.FOR:
            case qasm3Parser.WHILE:
            case qasm3Parser.SWITCH:
            case qasm3Parser.NOP:
            case qasm3Parser.AnnotationKeyword:
            case qasm3Parser.INPUT:
            case qasm3Parser.OUTPUT:
            case qasm3Parser.CONST:
            case qasm3Parser.QREG:
            case qasm3Parser.QUBIT:
            case qasm3Parser.CREG:
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.ARRAY:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
            case qasm3Parser.GPHASE:
            case qasm3Parser.INV:
            case qasm3Parser.POW:
            case qasm3Parser.CTRL:
            case qasm3Parser.NEGCTRL:
            case qasm3Parser.DURATIONOF:
            case qasm3Parser.DELAY:
            case qasm3Parser.RESET:
            case qasm3Parser.MEASURE:
            case qasm3Parser.BARRIER:
            case qasm3Parser.BooleanLiteral:
            case qasm3Parser.LPAREN:
            case qasm3Parser.MINUS:
            case qasm3Parser.TILDE:
            case qasm3Parser.EXCLAMATION_POINT:
            case qasm3Parser.ImaginaryLiteral:
            case qasm3Parser.BinaryIntegerLiteral:
            case qasm3Parser.OctalIntegerLiteral:
            case qasm3Parser.DecimalIntegerLiteral:
            case qasm3Parser.HexIntegerLiteral:
            case qasm3Parser.Identifier:
            case qasm3Parser.HardwareQubit:
            case qasm3Parser.FloatLiteral:
            case qasm3Parser.TimingLiteral:
            case qasm3Parser.BitstringLiteral:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 155;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                while (_la === 25) {
                    {
                    {
                    this.state = 152;
                    this.annotation();
                    }
                    }
                    this.state = 157;
                    this.errorHandler.sync(this);
                    _la = this.tokenStream.LA(1);
                }
                this.state = 188;
                this.errorHandler.sync(this);
                switch (this.interpreter.adaptivePredict(this.tokenStream, 3, this.context) ) {
                case 1:
                    {
                    this.state = 158;
                    this.aliasDeclarationStatement();
                    }
                    break;
                case 2:
                    {
                    this.state = 159;
                    this.assignmentStatement();
                    }
                    break;
                case 3:
                    {
                    this.state = 160;
                    this.barrierStatement();
                    }
                    break;
                case 4:
                    {
                    this.state = 161;
                    this.boxStatement();
                    }
                    break;
                case 5:
                    {
                    this.state = 162;
                    this.breakStatement();
                    }
                    break;
                case 6:
                    {
                    this.state = 163;
                    this.calStatement();
                    }
                    break;
                case 7:
                    {
                    this.state = 164;
                    this.calibrationGrammarStatement();
                    }
                    break;
                case 8:
                    {
                    this.state = 165;
                    this.classicalDeclarationStatement();
                    }
                    break;
                case 9:
                    {
                    this.state = 166;
                    this.constDeclarationStatement();
                    }
                    break;
                case 10:
                    {
                    this.state = 167;
                    this.continueStatement();
                    }
                    break;
                case 11:
                    {
                    this.state = 168;
                    this.defStatement();
                    }
                    break;
                case 12:
                    {
                    this.state = 169;
                    this.defcalStatement();
                    }
                    break;
                case 13:
                    {
                    this.state = 170;
                    this.delayStatement();
                    }
                    break;
                case 14:
                    {
                    this.state = 171;
                    this.endStatement();
                    }
                    break;
                case 15:
                    {
                    this.state = 172;
                    this.expressionStatement();
                    }
                    break;
                case 16:
                    {
                    this.state = 173;
                    this.externStatement();
                    }
                    break;
                case 17:
                    {
                    this.state = 174;
                    this.forStatement();
                    }
                    break;
                case 18:
                    {
                    this.state = 175;
                    this.gateCallStatement();
                    }
                    break;
                case 19:
                    {
                    this.state = 176;
                    this.gateStatement();
                    }
                    break;
                case 20:
                    {
                    this.state = 177;
                    this.ifStatement();
                    }
                    break;
                case 21:
                    {
                    this.state = 178;
                    this.includeStatement();
                    }
                    break;
                case 22:
                    {
                    this.state = 179;
                    this.ioDeclarationStatement();
                    }
                    break;
                case 23:
                    {
                    this.state = 180;
                    this.measureArrowAssignmentStatement();
                    }
                    break;
                case 24:
                    {
                    this.state = 181;
                    this.nopStatement();
                    }
                    break;
                case 25:
                    {
                    this.state = 182;
                    this.oldStyleDeclarationStatement();
                    }
                    break;
                case 26:
                    {
                    this.state = 183;
                    this.quantumDeclarationStatement();
                    }
                    break;
                case 27:
                    {
                    this.state = 184;
                    this.resetStatement();
                    }
                    break;
                case 28:
                    {
                    this.state = 185;
                    this.returnStatement();
                    }
                    break;
                case 29:
                    {
                    this.state = 186;
                    this.switchStatement();
                    }
                    break;
                case 30:
                    {
                    this.state = 187;
                    this.whileStatement();
                    }
                    break;
                }
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public annotation(): AnnotationContext {
        let localContext = new AnnotationContext(this.context, this.state);
        this.enterRule(localContext, 6, qasm3Parser.RULE_annotation);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 192;
            this.match(qasm3Parser.AnnotationKeyword);
            this.state = 194;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 109) {
                {
                this.state = 193;
                this.match(qasm3Parser.RemainingLineContent);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public scope(): ScopeContext {
        let localContext = new ScopeContext(this.context, this.state);
        this.enterRule(localContext, 8, qasm3Parser.RULE_scope);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 196;
            this.match(qasm3Parser.LBRACE);
            this.state = 200;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while ((((_la) & ~0x1F) === 0 && ((1 << _la) & 2677522428) !== 0) || ((((_la - 32)) & ~0x1F) === 0 && ((1 << (_la - 32)) & 704379903) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                {
                {
                this.state = 197;
                this.statementOrScope();
                }
                }
                this.state = 202;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
            }
            this.state = 203;
            this.match(qasm3Parser.RBRACE);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public pragma(): PragmaContext {
        let localContext = new PragmaContext(this.context, this.state);
        this.enterRule(localContext, 10, qasm3Parser.RULE_pragma);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 205;
            this.match(qasm3Parser.PRAGMA);
            this.state = 206;
            this.match(qasm3Parser.RemainingLineContent);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public statementOrScope(): StatementOrScopeContext {
        let localContext = new StatementOrScopeContext(this.context, this.state);
        this.enterRule(localContext, 12, qasm3Parser.RULE_statementOrScope);
        try {
            this.state = 210;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.INCLUDE:
            case qasm3Parser.DEFCALGRAMMAR:
            case qasm3Parser.DEF:
            case qasm3Parser.CAL:
            case qasm3Parser.DEFCAL:
            case qasm3Parser.GATE:
            case qasm3Parser.EXTERN:
            case qasm3Parser.BOX:
            case qasm3Parser.LET:
            case qasm3Parser.BREAK:
            case qasm3Parser.CONTINUE:
            case qasm3Parser.IF:
            case qasm3Parser.END:
            case qasm3Parser.RETURN:
            case qasm3Parser.FOR:
            case qasm3Parser.WHILE:
            case qasm3Parser.SWITCH:
            case qasm3Parser.NOP:
            case qasm3Parser.PRAGMA:
            case qasm3Parser.AnnotationKeyword:
            case qasm3Parser.INPUT:
            case qasm3Parser.OUTPUT:
            case qasm3Parser.CONST:
            case qasm3Parser.QREG:
            case qasm3Parser.QUBIT:
            case qasm3Parser.CREG:
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.ARRAY:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
            case qasm3Parser.GPHASE:
            case qasm3Parser.INV:
            case qasm3Parser.POW:
            case qasm3Parser.CTRL:
            case qasm3Parser.NEGCTRL:
            case qasm3Parser.DURATIONOF:
            case qasm3Parser.DELAY:
            case qasm3Parser.RESET:
            case qasm3Parser.MEASURE:
            case qasm3Parser.BARRIER:
            case qasm3Parser.BooleanLiteral:
            case qasm3Parser.LPAREN:
            case qasm3Parser.MINUS:
            case qasm3Parser.TILDE:
            case qasm3Parser.EXCLAMATION_POINT:
            case qasm3Parser.ImaginaryLiteral:
            case qasm3Parser.BinaryIntegerLiteral:
            case qasm3Parser.OctalIntegerLiteral:
            case qasm3Parser.DecimalIntegerLiteral:
            case qasm3Parser.HexIntegerLiteral:
            case qasm3Parser.Identifier:
            case qasm3Parser.HardwareQubit:
            case qasm3Parser.FloatLiteral:
            case qasm3Parser.TimingLiteral:
            case qasm3Parser.BitstringLiteral:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 208;
                this.statement();
                }
                break;
            case qasm3Parser.LBRACE:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 209;
                this.scope();
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public calibrationGrammarStatement(): CalibrationGrammarStatementContext {
        let localContext = new CalibrationGrammarStatementContext(this.context, this.state);
        this.enterRule(localContext, 14, qasm3Parser.RULE_calibrationGrammarStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 212;
            this.match(qasm3Parser.DEFCALGRAMMAR);
            this.state = 213;
            this.match(qasm3Parser.StringLiteral);
            this.state = 214;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public includeStatement(): IncludeStatementContext {
        let localContext = new IncludeStatementContext(this.context, this.state);
        this.enterRule(localContext, 16, qasm3Parser.RULE_includeStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 216;
            this.match(qasm3Parser.INCLUDE);
            this.state = 217;
            this.match(qasm3Parser.StringLiteral);
            this.state = 218;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public breakStatement(): BreakStatementContext {
        let localContext = new BreakStatementContext(this.context, this.state);
        this.enterRule(localContext, 18, qasm3Parser.RULE_breakStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 220;
            this.match(qasm3Parser.BREAK);
            this.state = 221;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public continueStatement(): ContinueStatementContext {
        let localContext = new ContinueStatementContext(this.context, this.state);
        this.enterRule(localContext, 20, qasm3Parser.RULE_continueStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 223;
            this.match(qasm3Parser.CONTINUE);
            this.state = 224;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public endStatement(): EndStatementContext {
        let localContext = new EndStatementContext(this.context, this.state);
        this.enterRule(localContext, 22, qasm3Parser.RULE_endStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 226;
            this.match(qasm3Parser.END);
            this.state = 227;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public forStatement(): ForStatementContext {
        let localContext = new ForStatementContext(this.context, this.state);
        this.enterRule(localContext, 24, qasm3Parser.RULE_forStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 229;
            this.match(qasm3Parser.FOR);
            this.state = 230;
            this.scalarType();
            this.state = 231;
            this.match(qasm3Parser.Identifier);
            this.state = 232;
            this.match(qasm3Parser.IN);
            this.state = 239;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.LBRACE:
                {
                this.state = 233;
                this.setExpression();
                }
                break;
            case qasm3Parser.LBRACKET:
                {
                this.state = 234;
                this.match(qasm3Parser.LBRACKET);
                this.state = 235;
                this.rangeExpression();
                this.state = 236;
                this.match(qasm3Parser.RBRACKET);
                }
                break;
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.ARRAY:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
            case qasm3Parser.DURATIONOF:
            case qasm3Parser.BooleanLiteral:
            case qasm3Parser.LPAREN:
            case qasm3Parser.MINUS:
            case qasm3Parser.TILDE:
            case qasm3Parser.EXCLAMATION_POINT:
            case qasm3Parser.ImaginaryLiteral:
            case qasm3Parser.BinaryIntegerLiteral:
            case qasm3Parser.OctalIntegerLiteral:
            case qasm3Parser.DecimalIntegerLiteral:
            case qasm3Parser.HexIntegerLiteral:
            case qasm3Parser.Identifier:
            case qasm3Parser.HardwareQubit:
            case qasm3Parser.FloatLiteral:
            case qasm3Parser.TimingLiteral:
            case qasm3Parser.BitstringLiteral:
                {
                this.state = 238;
                this.expression(0);
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 241;
            localContext._body = this.statementOrScope();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public ifStatement(): IfStatementContext {
        let localContext = new IfStatementContext(this.context, this.state);
        this.enterRule(localContext, 26, qasm3Parser.RULE_ifStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 243;
            this.match(qasm3Parser.IF);
            this.state = 244;
            this.match(qasm3Parser.LPAREN);
            this.state = 245;
            this.expression(0);
            this.state = 246;
            this.match(qasm3Parser.RPAREN);
            this.state = 247;
            localContext._if_body = this.statementOrScope();
            this.state = 250;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 9, this.context) ) {
            case 1:
                {
                this.state = 248;
                this.match(qasm3Parser.ELSE);
                this.state = 249;
                localContext._else_body = this.statementOrScope();
                }
                break;
            }
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public returnStatement(): ReturnStatementContext {
        let localContext = new ReturnStatementContext(this.context, this.state);
        this.enterRule(localContext, 28, qasm3Parser.RULE_returnStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 252;
            this.match(qasm3Parser.RETURN);
            this.state = 256;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 10, this.context) ) {
            case 1:
                {
                this.state = 253;
                this.expression(0);
                }
                break;
            case 2:
                {
                this.state = 254;
                this.measureExpression();
                }
                break;
            case 3:
                {
                this.state = 255;
                this.quantumCallExpression();
                }
                break;
            }
            this.state = 258;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public whileStatement(): WhileStatementContext {
        let localContext = new WhileStatementContext(this.context, this.state);
        this.enterRule(localContext, 30, qasm3Parser.RULE_whileStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 260;
            this.match(qasm3Parser.WHILE);
            this.state = 261;
            this.match(qasm3Parser.LPAREN);
            this.state = 262;
            this.expression(0);
            this.state = 263;
            this.match(qasm3Parser.RPAREN);
            this.state = 264;
            localContext._body = this.statementOrScope();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public switchStatement(): SwitchStatementContext {
        let localContext = new SwitchStatementContext(this.context, this.state);
        this.enterRule(localContext, 32, qasm3Parser.RULE_switchStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 266;
            this.match(qasm3Parser.SWITCH);
            this.state = 267;
            this.match(qasm3Parser.LPAREN);
            this.state = 268;
            this.expression(0);
            this.state = 269;
            this.match(qasm3Parser.RPAREN);
            this.state = 270;
            this.match(qasm3Parser.LBRACE);
            this.state = 274;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 21 || _la === 22) {
                {
                {
                this.state = 271;
                this.switchCaseItem();
                }
                }
                this.state = 276;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
            }
            this.state = 277;
            this.match(qasm3Parser.RBRACE);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public switchCaseItem(): SwitchCaseItemContext {
        let localContext = new SwitchCaseItemContext(this.context, this.state);
        this.enterRule(localContext, 34, qasm3Parser.RULE_switchCaseItem);
        try {
            this.state = 285;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.CASE:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 279;
                this.match(qasm3Parser.CASE);
                this.state = 280;
                this.expressionList();
                this.state = 281;
                this.scope();
                }
                break;
            case qasm3Parser.DEFAULT:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 283;
                this.match(qasm3Parser.DEFAULT);
                this.state = 284;
                this.scope();
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public barrierStatement(): BarrierStatementContext {
        let localContext = new BarrierStatementContext(this.context, this.state);
        this.enterRule(localContext, 36, qasm3Parser.RULE_barrierStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 287;
            this.match(qasm3Parser.BARRIER);
            this.state = 289;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 94 || _la === 95) {
                {
                this.state = 288;
                this.gateOperandList();
                }
            }

            this.state = 291;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public boxStatement(): BoxStatementContext {
        let localContext = new BoxStatementContext(this.context, this.state);
        this.enterRule(localContext, 38, qasm3Parser.RULE_boxStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 293;
            this.match(qasm3Parser.BOX);
            this.state = 295;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 57) {
                {
                this.state = 294;
                this.designator();
                }
            }

            this.state = 297;
            this.scope();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public delayStatement(): DelayStatementContext {
        let localContext = new DelayStatementContext(this.context, this.state);
        this.enterRule(localContext, 40, qasm3Parser.RULE_delayStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 299;
            this.match(qasm3Parser.DELAY);
            this.state = 300;
            this.designator();
            this.state = 302;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 94 || _la === 95) {
                {
                this.state = 301;
                this.gateOperandList();
                }
            }

            this.state = 304;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public nopStatement(): NopStatementContext {
        let localContext = new NopStatementContext(this.context, this.state);
        this.enterRule(localContext, 42, qasm3Parser.RULE_nopStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 306;
            this.match(qasm3Parser.NOP);
            this.state = 308;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 94 || _la === 95) {
                {
                this.state = 307;
                this.gateOperandList();
                }
            }

            this.state = 310;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public gateCallStatement(): GateCallStatementContext {
        let localContext = new GateCallStatementContext(this.context, this.state);
        this.enterRule(localContext, 44, qasm3Parser.RULE_gateCallStatement);
        let _la: number;
        try {
            this.state = 353;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 26, this.context) ) {
            case 1:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 315;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                while (((((_la - 46)) & ~0x1F) === 0 && ((1 << (_la - 46)) & 15) !== 0)) {
                    {
                    {
                    this.state = 312;
                    this.gateModifier();
                    }
                    }
                    this.state = 317;
                    this.errorHandler.sync(this);
                    _la = this.tokenStream.LA(1);
                }
                this.state = 318;
                this.match(qasm3Parser.Identifier);
                this.state = 324;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 61) {
                    {
                    this.state = 319;
                    this.match(qasm3Parser.LPAREN);
                    this.state = 321;
                    this.errorHandler.sync(this);
                    _la = this.tokenStream.LA(1);
                    if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 138544895) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                        {
                        this.state = 320;
                        this.expressionList();
                        }
                    }

                    this.state = 323;
                    this.match(qasm3Parser.RPAREN);
                    }
                }

                this.state = 327;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 326;
                    this.designator();
                    }
                }

                this.state = 329;
                this.gateOperandList();
                this.state = 330;
                this.match(qasm3Parser.SEMICOLON);
                }
                break;
            case 2:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 335;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                while (((((_la - 46)) & ~0x1F) === 0 && ((1 << (_la - 46)) & 15) !== 0)) {
                    {
                    {
                    this.state = 332;
                    this.gateModifier();
                    }
                    }
                    this.state = 337;
                    this.errorHandler.sync(this);
                    _la = this.tokenStream.LA(1);
                }
                this.state = 338;
                this.match(qasm3Parser.GPHASE);
                this.state = 344;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 61) {
                    {
                    this.state = 339;
                    this.match(qasm3Parser.LPAREN);
                    this.state = 341;
                    this.errorHandler.sync(this);
                    _la = this.tokenStream.LA(1);
                    if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 138544895) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                        {
                        this.state = 340;
                        this.expressionList();
                        }
                    }

                    this.state = 343;
                    this.match(qasm3Parser.RPAREN);
                    }
                }

                this.state = 347;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 346;
                    this.designator();
                    }
                }

                this.state = 350;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 94 || _la === 95) {
                    {
                    this.state = 349;
                    this.gateOperandList();
                    }
                }

                this.state = 352;
                this.match(qasm3Parser.SEMICOLON);
                }
                break;
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public measureArrowAssignmentStatement(): MeasureArrowAssignmentStatementContext {
        let localContext = new MeasureArrowAssignmentStatementContext(this.context, this.state);
        this.enterRule(localContext, 46, qasm3Parser.RULE_measureArrowAssignmentStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 357;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.MEASURE:
                {
                this.state = 355;
                this.measureExpression();
                }
                break;
            case qasm3Parser.Identifier:
                {
                this.state = 356;
                this.quantumCallExpression();
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 361;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 68) {
                {
                this.state = 359;
                this.match(qasm3Parser.ARROW);
                this.state = 360;
                this.indexedIdentifier();
                }
            }

            this.state = 363;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public resetStatement(): ResetStatementContext {
        let localContext = new ResetStatementContext(this.context, this.state);
        this.enterRule(localContext, 48, qasm3Parser.RULE_resetStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 365;
            this.match(qasm3Parser.RESET);
            this.state = 366;
            this.gateOperand();
            this.state = 367;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public aliasDeclarationStatement(): AliasDeclarationStatementContext {
        let localContext = new AliasDeclarationStatementContext(this.context, this.state);
        this.enterRule(localContext, 50, qasm3Parser.RULE_aliasDeclarationStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 369;
            this.match(qasm3Parser.LET);
            this.state = 370;
            this.match(qasm3Parser.Identifier);
            this.state = 371;
            this.match(qasm3Parser.EQUALS);
            this.state = 372;
            this.aliasExpression();
            this.state = 373;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public classicalDeclarationStatement(): ClassicalDeclarationStatementContext {
        let localContext = new ClassicalDeclarationStatementContext(this.context, this.state);
        this.enterRule(localContext, 52, qasm3Parser.RULE_classicalDeclarationStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 377;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
                {
                this.state = 375;
                this.scalarType();
                }
                break;
            case qasm3Parser.ARRAY:
                {
                this.state = 376;
                this.arrayType();
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 379;
            this.match(qasm3Parser.Identifier);
            this.state = 382;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 67) {
                {
                this.state = 380;
                this.match(qasm3Parser.EQUALS);
                this.state = 381;
                this.declarationExpression();
                }
            }

            this.state = 384;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public constDeclarationStatement(): ConstDeclarationStatementContext {
        let localContext = new ConstDeclarationStatementContext(this.context, this.state);
        this.enterRule(localContext, 54, qasm3Parser.RULE_constDeclarationStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 386;
            this.match(qasm3Parser.CONST);
            this.state = 387;
            this.scalarType();
            this.state = 388;
            this.match(qasm3Parser.Identifier);
            this.state = 389;
            this.match(qasm3Parser.EQUALS);
            this.state = 390;
            this.declarationExpression();
            this.state = 391;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public ioDeclarationStatement(): IoDeclarationStatementContext {
        let localContext = new IoDeclarationStatementContext(this.context, this.state);
        this.enterRule(localContext, 56, qasm3Parser.RULE_ioDeclarationStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 393;
            _la = this.tokenStream.LA(1);
            if(!(_la === 26 || _la === 27)) {
            this.errorHandler.recoverInline(this);
            }
            else {
                this.errorHandler.reportMatch(this);
                this.consume();
            }
            this.state = 396;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
                {
                this.state = 394;
                this.scalarType();
                }
                break;
            case qasm3Parser.ARRAY:
                {
                this.state = 395;
                this.arrayType();
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 398;
            this.match(qasm3Parser.Identifier);
            this.state = 399;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public oldStyleDeclarationStatement(): OldStyleDeclarationStatementContext {
        let localContext = new OldStyleDeclarationStatementContext(this.context, this.state);
        this.enterRule(localContext, 58, qasm3Parser.RULE_oldStyleDeclarationStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 401;
            _la = this.tokenStream.LA(1);
            if(!(_la === 31 || _la === 33)) {
            this.errorHandler.recoverInline(this);
            }
            else {
                this.errorHandler.reportMatch(this);
                this.consume();
            }
            this.state = 402;
            this.match(qasm3Parser.Identifier);
            this.state = 404;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 57) {
                {
                this.state = 403;
                this.designator();
                }
            }

            this.state = 406;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public quantumDeclarationStatement(): QuantumDeclarationStatementContext {
        let localContext = new QuantumDeclarationStatementContext(this.context, this.state);
        this.enterRule(localContext, 60, qasm3Parser.RULE_quantumDeclarationStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 408;
            this.qubitType();
            this.state = 409;
            this.match(qasm3Parser.Identifier);
            this.state = 410;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defStatement(): DefStatementContext {
        let localContext = new DefStatementContext(this.context, this.state);
        this.enterRule(localContext, 62, qasm3Parser.RULE_defStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 412;
            this.match(qasm3Parser.DEF);
            this.state = 413;
            this.match(qasm3Parser.Identifier);
            this.state = 414;
            this.match(qasm3Parser.LPAREN);
            this.state = 416;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (((((_la - 29)) & ~0x1F) === 0 && ((1 << (_la - 29)) & 53247) !== 0)) {
                {
                this.state = 415;
                this.argumentDefinitionList();
                }
            }

            this.state = 418;
            this.match(qasm3Parser.RPAREN);
            this.state = 420;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 68) {
                {
                this.state = 419;
                this.returnSignature();
                }
            }

            this.state = 422;
            this.scope();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public externStatement(): ExternStatementContext {
        let localContext = new ExternStatementContext(this.context, this.state);
        this.enterRule(localContext, 64, qasm3Parser.RULE_externStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 424;
            this.match(qasm3Parser.EXTERN);
            this.state = 425;
            this.match(qasm3Parser.Identifier);
            this.state = 426;
            this.match(qasm3Parser.LPAREN);
            this.state = 428;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (((((_la - 29)) & ~0x1F) === 0 && ((1 << (_la - 29)) & 53235) !== 0)) {
                {
                this.state = 427;
                this.externArgumentList();
                }
            }

            this.state = 430;
            this.match(qasm3Parser.RPAREN);
            this.state = 432;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 68) {
                {
                this.state = 431;
                this.returnSignature();
                }
            }

            this.state = 434;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public gateStatement(): GateStatementContext {
        let localContext = new GateStatementContext(this.context, this.state);
        this.enterRule(localContext, 66, qasm3Parser.RULE_gateStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 436;
            this.match(qasm3Parser.GATE);
            this.state = 437;
            this.match(qasm3Parser.Identifier);
            this.state = 443;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 61) {
                {
                this.state = 438;
                this.match(qasm3Parser.LPAREN);
                this.state = 440;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 94) {
                    {
                    this.state = 439;
                    localContext._params = this.identifierList();
                    }
                }

                this.state = 442;
                this.match(qasm3Parser.RPAREN);
                }
            }

            this.state = 445;
            localContext._qubits = this.identifierList();
            this.state = 446;
            this.scope();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public assignmentStatement(): AssignmentStatementContext {
        let localContext = new AssignmentStatementContext(this.context, this.state);
        this.enterRule(localContext, 68, qasm3Parser.RULE_assignmentStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 448;
            this.indexedIdentifier();
            this.state = 449;
            localContext._op = this.tokenStream.LT(1);
            _la = this.tokenStream.LA(1);
            if(!(_la === 67 || _la === 85)) {
                localContext._op = this.errorHandler.recoverInline(this);
            }
            else {
                this.errorHandler.reportMatch(this);
                this.consume();
            }
            this.state = 453;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 39, this.context) ) {
            case 1:
                {
                this.state = 450;
                this.expression(0);
                }
                break;
            case 2:
                {
                this.state = 451;
                this.measureExpression();
                }
                break;
            case 3:
                {
                this.state = 452;
                this.quantumCallExpression();
                }
                break;
            }
            this.state = 455;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public expressionStatement(): ExpressionStatementContext {
        let localContext = new ExpressionStatementContext(this.context, this.state);
        this.enterRule(localContext, 70, qasm3Parser.RULE_expressionStatement);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 457;
            this.expression(0);
            this.state = 458;
            this.match(qasm3Parser.SEMICOLON);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public calStatement(): CalStatementContext {
        let localContext = new CalStatementContext(this.context, this.state);
        this.enterRule(localContext, 72, qasm3Parser.RULE_calStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 460;
            this.match(qasm3Parser.CAL);
            this.state = 461;
            this.match(qasm3Parser.LBRACE);
            this.state = 463;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 114) {
                {
                this.state = 462;
                this.match(qasm3Parser.CalibrationBlock);
                }
            }

            this.state = 465;
            this.match(qasm3Parser.RBRACE);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defcalStatement(): DefcalStatementContext {
        let localContext = new DefcalStatementContext(this.context, this.state);
        this.enterRule(localContext, 74, qasm3Parser.RULE_defcalStatement);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 467;
            this.match(qasm3Parser.DEFCAL);
            this.state = 468;
            this.defcalTarget();
            this.state = 474;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 61) {
                {
                this.state = 469;
                this.match(qasm3Parser.LPAREN);
                this.state = 471;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if ((((_la) & ~0x1F) === 0 && ((1 << _la) & 3758096384) !== 0) || ((((_la - 32)) & ~0x1F) === 0 && ((1 << (_la - 32)) & 554179583) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                    {
                    this.state = 470;
                    this.defcalArgumentDefinitionList();
                    }
                }

                this.state = 473;
                this.match(qasm3Parser.RPAREN);
                }
            }

            this.state = 476;
            this.defcalOperandList();
            this.state = 478;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 68) {
                {
                this.state = 477;
                this.returnSignature();
                }
            }

            this.state = 480;
            this.match(qasm3Parser.LBRACE);
            this.state = 482;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 114) {
                {
                this.state = 481;
                this.match(qasm3Parser.CalibrationBlock);
                }
            }

            this.state = 484;
            this.match(qasm3Parser.RBRACE);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }

    public expression(): ExpressionContext;
    public expression(_p: number): ExpressionContext;
    public expression(_p?: number): ExpressionContext {
        if (_p === undefined) {
            _p = 0;
        }

        let parentContext = this.context;
        let parentState = this.state;
        let localContext = new ExpressionContext(this.context, parentState);
        let previousContext = localContext;
        let _startState = 76;
        this.enterRecursionRule(localContext, 76, qasm3Parser.RULE_expression, _p);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 513;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 47, this.context) ) {
            case 1:
                {
                localContext = new ParenthesisExpressionContext(localContext);
                this.context = localContext;
                previousContext = localContext;

                this.state = 487;
                this.match(qasm3Parser.LPAREN);
                this.state = 488;
                this.expression(0);
                this.state = 489;
                this.match(qasm3Parser.RPAREN);
                }
                break;
            case 2:
                {
                localContext = new UnaryExpressionContext(localContext);
                this.context = localContext;
                previousContext = localContext;
                this.state = 491;
                (localContext as UnaryExpressionContext)._op = this.tokenStream.LT(1);
                _la = this.tokenStream.LA(1);
                if(!(((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 6145) !== 0))) {
                    (localContext as UnaryExpressionContext)._op = this.errorHandler.recoverInline(this);
                }
                else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                }
                this.state = 492;
                this.expression(15);
                }
                break;
            case 3:
                {
                localContext = new CastExpressionContext(localContext);
                this.context = localContext;
                previousContext = localContext;
                this.state = 495;
                this.errorHandler.sync(this);
                switch (this.tokenStream.LA(1)) {
                case qasm3Parser.BOOL:
                case qasm3Parser.BIT:
                case qasm3Parser.INT:
                case qasm3Parser.UINT:
                case qasm3Parser.FLOAT:
                case qasm3Parser.ANGLE:
                case qasm3Parser.COMPLEX:
                case qasm3Parser.DURATION:
                case qasm3Parser.STRETCH:
                    {
                    this.state = 493;
                    this.scalarType();
                    }
                    break;
                case qasm3Parser.ARRAY:
                    {
                    this.state = 494;
                    this.arrayType();
                    }
                    break;
                default:
                    throw new antlr.NoViableAltException(this);
                }
                this.state = 497;
                this.match(qasm3Parser.LPAREN);
                this.state = 498;
                this.expression(0);
                this.state = 499;
                this.match(qasm3Parser.RPAREN);
                }
                break;
            case 4:
                {
                localContext = new DurationofExpressionContext(localContext);
                this.context = localContext;
                previousContext = localContext;
                this.state = 501;
                this.match(qasm3Parser.DURATIONOF);
                this.state = 502;
                this.match(qasm3Parser.LPAREN);
                this.state = 503;
                this.scope();
                this.state = 504;
                this.match(qasm3Parser.RPAREN);
                }
                break;
            case 5:
                {
                localContext = new CallExpressionContext(localContext);
                this.context = localContext;
                previousContext = localContext;
                this.state = 506;
                this.match(qasm3Parser.Identifier);
                this.state = 507;
                this.match(qasm3Parser.LPAREN);
                this.state = 509;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 138544895) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                    {
                    this.state = 508;
                    this.expressionList();
                    }
                }

                this.state = 511;
                this.match(qasm3Parser.RPAREN);
                }
                break;
            case 6:
                {
                localContext = new LiteralExpressionContext(localContext);
                this.context = localContext;
                previousContext = localContext;
                this.state = 512;
                _la = this.tokenStream.LA(1);
                if(!(_la === 56 || ((((_la - 89)) & ~0x1F) === 0 && ((1 << (_la - 89)) & 1023) !== 0))) {
                this.errorHandler.recoverInline(this);
                }
                else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                }
                }
                break;
            }
            this.context!.stop = this.tokenStream.LT(-1);
            this.state = 552;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 49, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    if (this.parseListeners != null) {
                        this.triggerExitRuleEvent();
                    }
                    previousContext = localContext;
                    {
                    this.state = 550;
                    this.errorHandler.sync(this);
                    switch (this.interpreter.adaptivePredict(this.tokenStream, 48, this.context) ) {
                    case 1:
                        {
                        localContext = new PowerExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 515;
                        if (!(this.precpred(this.context, 16))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 16)");
                        }
                        this.state = 516;
                        (localContext as PowerExpressionContext)._op = this.match(qasm3Parser.DOUBLE_ASTERISK);
                        this.state = 517;
                        this.expression(16);
                        }
                        break;
                    case 2:
                        {
                        localContext = new MultiplicativeExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 518;
                        if (!(this.precpred(this.context, 14))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 14)");
                        }
                        this.state = 519;
                        (localContext as MultiplicativeExpressionContext)._op = this.tokenStream.LT(1);
                        _la = this.tokenStream.LA(1);
                        if(!(((((_la - 72)) & ~0x1F) === 0 && ((1 << (_la - 72)) & 13) !== 0))) {
                            (localContext as MultiplicativeExpressionContext)._op = this.errorHandler.recoverInline(this);
                        }
                        else {
                            this.errorHandler.reportMatch(this);
                            this.consume();
                        }
                        this.state = 520;
                        this.expression(15);
                        }
                        break;
                    case 3:
                        {
                        localContext = new AdditiveExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 521;
                        if (!(this.precpred(this.context, 13))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 13)");
                        }
                        this.state = 522;
                        (localContext as AdditiveExpressionContext)._op = this.tokenStream.LT(1);
                        _la = this.tokenStream.LA(1);
                        if(!(_la === 69 || _la === 71)) {
                            (localContext as AdditiveExpressionContext)._op = this.errorHandler.recoverInline(this);
                        }
                        else {
                            this.errorHandler.reportMatch(this);
                            this.consume();
                        }
                        this.state = 523;
                        this.expression(14);
                        }
                        break;
                    case 4:
                        {
                        localContext = new BitshiftExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 524;
                        if (!(this.precpred(this.context, 12))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 12)");
                        }
                        this.state = 525;
                        (localContext as BitshiftExpressionContext)._op = this.match(qasm3Parser.BitshiftOperator);
                        this.state = 526;
                        this.expression(13);
                        }
                        break;
                    case 5:
                        {
                        localContext = new ComparisonExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 527;
                        if (!(this.precpred(this.context, 11))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 11)");
                        }
                        this.state = 528;
                        (localContext as ComparisonExpressionContext)._op = this.match(qasm3Parser.ComparisonOperator);
                        this.state = 529;
                        this.expression(12);
                        }
                        break;
                    case 6:
                        {
                        localContext = new EqualityExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 530;
                        if (!(this.precpred(this.context, 10))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 10)");
                        }
                        this.state = 531;
                        (localContext as EqualityExpressionContext)._op = this.match(qasm3Parser.EqualityOperator);
                        this.state = 532;
                        this.expression(11);
                        }
                        break;
                    case 7:
                        {
                        localContext = new BitwiseAndExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 533;
                        if (!(this.precpred(this.context, 9))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 9)");
                        }
                        this.state = 534;
                        (localContext as BitwiseAndExpressionContext)._op = this.match(qasm3Parser.AMPERSAND);
                        this.state = 535;
                        this.expression(10);
                        }
                        break;
                    case 8:
                        {
                        localContext = new BitwiseXorExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 536;
                        if (!(this.precpred(this.context, 8))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 8)");
                        }
                        this.state = 537;
                        (localContext as BitwiseXorExpressionContext)._op = this.match(qasm3Parser.CARET);
                        this.state = 538;
                        this.expression(9);
                        }
                        break;
                    case 9:
                        {
                        localContext = new BitwiseOrExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 539;
                        if (!(this.precpred(this.context, 7))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 7)");
                        }
                        this.state = 540;
                        (localContext as BitwiseOrExpressionContext)._op = this.match(qasm3Parser.PIPE);
                        this.state = 541;
                        this.expression(8);
                        }
                        break;
                    case 10:
                        {
                        localContext = new LogicalAndExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 542;
                        if (!(this.precpred(this.context, 6))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 6)");
                        }
                        this.state = 543;
                        (localContext as LogicalAndExpressionContext)._op = this.match(qasm3Parser.DOUBLE_AMPERSAND);
                        this.state = 544;
                        this.expression(7);
                        }
                        break;
                    case 11:
                        {
                        localContext = new LogicalOrExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 545;
                        if (!(this.precpred(this.context, 5))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 5)");
                        }
                        this.state = 546;
                        (localContext as LogicalOrExpressionContext)._op = this.match(qasm3Parser.DOUBLE_PIPE);
                        this.state = 547;
                        this.expression(6);
                        }
                        break;
                    case 12:
                        {
                        localContext = new IndexExpressionContext(new ExpressionContext(parentContext, parentState));
                        this.pushNewRecursionContext(localContext, _startState, qasm3Parser.RULE_expression);
                        this.state = 548;
                        if (!(this.precpred(this.context, 17))) {
                            throw this.createFailedPredicateException("this.precpred(this.context, 17)");
                        }
                        this.state = 549;
                        this.indexOperator();
                        }
                        break;
                    }
                    }
                }
                this.state = 554;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 49, this.context);
            }
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.unrollRecursionContexts(parentContext);
        }
        return localContext;
    }
    public aliasExpression(): AliasExpressionContext {
        let localContext = new AliasExpressionContext(this.context, this.state);
        this.enterRule(localContext, 78, qasm3Parser.RULE_aliasExpression);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 555;
            this.expression(0);
            this.state = 560;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 70) {
                {
                {
                this.state = 556;
                this.match(qasm3Parser.DOUBLE_PLUS);
                this.state = 557;
                this.expression(0);
                }
                }
                this.state = 562;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
            }
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public declarationExpression(): DeclarationExpressionContext {
        let localContext = new DeclarationExpressionContext(this.context, this.state);
        this.enterRule(localContext, 80, qasm3Parser.RULE_declarationExpression);
        try {
            this.state = 567;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 51, this.context) ) {
            case 1:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 563;
                this.arrayLiteral();
                }
                break;
            case 2:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 564;
                this.expression(0);
                }
                break;
            case 3:
                this.enterOuterAlt(localContext, 3);
                {
                this.state = 565;
                this.measureExpression();
                }
                break;
            case 4:
                this.enterOuterAlt(localContext, 4);
                {
                this.state = 566;
                this.quantumCallExpression();
                }
                break;
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public measureExpression(): MeasureExpressionContext {
        let localContext = new MeasureExpressionContext(this.context, this.state);
        this.enterRule(localContext, 82, qasm3Parser.RULE_measureExpression);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 569;
            this.match(qasm3Parser.MEASURE);
            this.state = 570;
            this.gateOperand();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public quantumCallExpression(): QuantumCallExpressionContext {
        let localContext = new QuantumCallExpressionContext(this.context, this.state);
        this.enterRule(localContext, 84, qasm3Parser.RULE_quantumCallExpression);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 572;
            this.match(qasm3Parser.Identifier);
            this.state = 578;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 61) {
                {
                this.state = 573;
                this.match(qasm3Parser.LPAREN);
                this.state = 575;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 138544895) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                    {
                    this.state = 574;
                    this.expressionList();
                    }
                }

                this.state = 577;
                this.match(qasm3Parser.RPAREN);
                }
            }

            this.state = 580;
            this.gateOperandList();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public rangeExpression(): RangeExpressionContext {
        let localContext = new RangeExpressionContext(this.context, this.state);
        this.enterRule(localContext, 86, qasm3Parser.RULE_rangeExpression);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 583;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 138544895) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                {
                this.state = 582;
                this.expression(0);
                }
            }

            this.state = 585;
            this.match(qasm3Parser.COLON);
            this.state = 587;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 138544895) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                {
                this.state = 586;
                this.expression(0);
                }
            }

            this.state = 591;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 63) {
                {
                this.state = 589;
                this.match(qasm3Parser.COLON);
                this.state = 590;
                this.expression(0);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public setExpression(): SetExpressionContext {
        let localContext = new SetExpressionContext(this.context, this.state);
        this.enterRule(localContext, 88, qasm3Parser.RULE_setExpression);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 593;
            this.match(qasm3Parser.LBRACE);
            this.state = 594;
            this.expression(0);
            this.state = 599;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 57, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 595;
                    this.match(qasm3Parser.COMMA);
                    this.state = 596;
                    this.expression(0);
                    }
                    }
                }
                this.state = 601;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 57, this.context);
            }
            this.state = 603;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 602;
                this.match(qasm3Parser.COMMA);
                }
            }

            this.state = 605;
            this.match(qasm3Parser.RBRACE);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public arrayLiteral(): ArrayLiteralContext {
        let localContext = new ArrayLiteralContext(this.context, this.state);
        this.enterRule(localContext, 90, qasm3Parser.RULE_arrayLiteral);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 607;
            this.match(qasm3Parser.LBRACE);
            this.state = 625;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (((((_la - 34)) & ~0x1F) === 0 && ((1 << (_la - 34)) & 172099327) !== 0) || ((((_la - 71)) & ~0x1F) === 0 && ((1 << (_la - 71)) & 268179457) !== 0)) {
                {
                this.state = 610;
                this.errorHandler.sync(this);
                switch (this.tokenStream.LA(1)) {
                case qasm3Parser.BOOL:
                case qasm3Parser.BIT:
                case qasm3Parser.INT:
                case qasm3Parser.UINT:
                case qasm3Parser.FLOAT:
                case qasm3Parser.ANGLE:
                case qasm3Parser.COMPLEX:
                case qasm3Parser.ARRAY:
                case qasm3Parser.DURATION:
                case qasm3Parser.STRETCH:
                case qasm3Parser.DURATIONOF:
                case qasm3Parser.BooleanLiteral:
                case qasm3Parser.LPAREN:
                case qasm3Parser.MINUS:
                case qasm3Parser.TILDE:
                case qasm3Parser.EXCLAMATION_POINT:
                case qasm3Parser.ImaginaryLiteral:
                case qasm3Parser.BinaryIntegerLiteral:
                case qasm3Parser.OctalIntegerLiteral:
                case qasm3Parser.DecimalIntegerLiteral:
                case qasm3Parser.HexIntegerLiteral:
                case qasm3Parser.Identifier:
                case qasm3Parser.HardwareQubit:
                case qasm3Parser.FloatLiteral:
                case qasm3Parser.TimingLiteral:
                case qasm3Parser.BitstringLiteral:
                    {
                    this.state = 608;
                    this.expression(0);
                    }
                    break;
                case qasm3Parser.LBRACE:
                    {
                    this.state = 609;
                    this.arrayLiteral();
                    }
                    break;
                default:
                    throw new antlr.NoViableAltException(this);
                }
                this.state = 619;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 61, this.context);
                while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                    if (alternative === 1) {
                        {
                        {
                        this.state = 612;
                        this.match(qasm3Parser.COMMA);
                        this.state = 615;
                        this.errorHandler.sync(this);
                        switch (this.tokenStream.LA(1)) {
                        case qasm3Parser.BOOL:
                        case qasm3Parser.BIT:
                        case qasm3Parser.INT:
                        case qasm3Parser.UINT:
                        case qasm3Parser.FLOAT:
                        case qasm3Parser.ANGLE:
                        case qasm3Parser.COMPLEX:
                        case qasm3Parser.ARRAY:
                        case qasm3Parser.DURATION:
                        case qasm3Parser.STRETCH:
                        case qasm3Parser.DURATIONOF:
                        case qasm3Parser.BooleanLiteral:
                        case qasm3Parser.LPAREN:
                        case qasm3Parser.MINUS:
                        case qasm3Parser.TILDE:
                        case qasm3Parser.EXCLAMATION_POINT:
                        case qasm3Parser.ImaginaryLiteral:
                        case qasm3Parser.BinaryIntegerLiteral:
                        case qasm3Parser.OctalIntegerLiteral:
                        case qasm3Parser.DecimalIntegerLiteral:
                        case qasm3Parser.HexIntegerLiteral:
                        case qasm3Parser.Identifier:
                        case qasm3Parser.HardwareQubit:
                        case qasm3Parser.FloatLiteral:
                        case qasm3Parser.TimingLiteral:
                        case qasm3Parser.BitstringLiteral:
                            {
                            this.state = 613;
                            this.expression(0);
                            }
                            break;
                        case qasm3Parser.LBRACE:
                            {
                            this.state = 614;
                            this.arrayLiteral();
                            }
                            break;
                        default:
                            throw new antlr.NoViableAltException(this);
                        }
                        }
                        }
                    }
                    this.state = 621;
                    this.errorHandler.sync(this);
                    alternative = this.interpreter.adaptivePredict(this.tokenStream, 61, this.context);
                }
                this.state = 623;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 66) {
                    {
                    this.state = 622;
                    this.match(qasm3Parser.COMMA);
                    }
                }

                }
            }

            this.state = 627;
            this.match(qasm3Parser.RBRACE);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public indexOperator(): IndexOperatorContext {
        let localContext = new IndexOperatorContext(this.context, this.state);
        this.enterRule(localContext, 92, qasm3Parser.RULE_indexOperator);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 629;
            this.match(qasm3Parser.LBRACKET);
            this.state = 648;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.LBRACE:
                {
                this.state = 630;
                this.setExpression();
                }
                break;
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.ARRAY:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
            case qasm3Parser.DURATIONOF:
            case qasm3Parser.BooleanLiteral:
            case qasm3Parser.LPAREN:
            case qasm3Parser.COLON:
            case qasm3Parser.MINUS:
            case qasm3Parser.TILDE:
            case qasm3Parser.EXCLAMATION_POINT:
            case qasm3Parser.ImaginaryLiteral:
            case qasm3Parser.BinaryIntegerLiteral:
            case qasm3Parser.OctalIntegerLiteral:
            case qasm3Parser.DecimalIntegerLiteral:
            case qasm3Parser.HexIntegerLiteral:
            case qasm3Parser.Identifier:
            case qasm3Parser.HardwareQubit:
            case qasm3Parser.FloatLiteral:
            case qasm3Parser.TimingLiteral:
            case qasm3Parser.BitstringLiteral:
                {
                this.state = 633;
                this.errorHandler.sync(this);
                switch (this.interpreter.adaptivePredict(this.tokenStream, 64, this.context) ) {
                case 1:
                    {
                    this.state = 631;
                    this.expression(0);
                    }
                    break;
                case 2:
                    {
                    this.state = 632;
                    this.rangeExpression();
                    }
                    break;
                }
                this.state = 642;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 66, this.context);
                while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                    if (alternative === 1) {
                        {
                        {
                        this.state = 635;
                        this.match(qasm3Parser.COMMA);
                        this.state = 638;
                        this.errorHandler.sync(this);
                        switch (this.interpreter.adaptivePredict(this.tokenStream, 65, this.context) ) {
                        case 1:
                            {
                            this.state = 636;
                            this.expression(0);
                            }
                            break;
                        case 2:
                            {
                            this.state = 637;
                            this.rangeExpression();
                            }
                            break;
                        }
                        }
                        }
                    }
                    this.state = 644;
                    this.errorHandler.sync(this);
                    alternative = this.interpreter.adaptivePredict(this.tokenStream, 66, this.context);
                }
                this.state = 646;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 66) {
                    {
                    this.state = 645;
                    this.match(qasm3Parser.COMMA);
                    }
                }

                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 650;
            this.match(qasm3Parser.RBRACKET);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public indexedIdentifier(): IndexedIdentifierContext {
        let localContext = new IndexedIdentifierContext(this.context, this.state);
        this.enterRule(localContext, 94, qasm3Parser.RULE_indexedIdentifier);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 652;
            this.match(qasm3Parser.Identifier);
            this.state = 656;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            while (_la === 57) {
                {
                {
                this.state = 653;
                this.indexOperator();
                }
                }
                this.state = 658;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
            }
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public returnSignature(): ReturnSignatureContext {
        let localContext = new ReturnSignatureContext(this.context, this.state);
        this.enterRule(localContext, 96, qasm3Parser.RULE_returnSignature);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 659;
            this.match(qasm3Parser.ARROW);
            this.state = 660;
            this.scalarType();
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public gateModifier(): GateModifierContext {
        let localContext = new GateModifierContext(this.context, this.state);
        this.enterRule(localContext, 98, qasm3Parser.RULE_gateModifier);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 675;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.INV:
                {
                this.state = 662;
                this.match(qasm3Parser.INV);
                }
                break;
            case qasm3Parser.POW:
                {
                this.state = 663;
                this.match(qasm3Parser.POW);
                this.state = 664;
                this.match(qasm3Parser.LPAREN);
                this.state = 665;
                this.expression(0);
                this.state = 666;
                this.match(qasm3Parser.RPAREN);
                }
                break;
            case qasm3Parser.CTRL:
            case qasm3Parser.NEGCTRL:
                {
                this.state = 668;
                _la = this.tokenStream.LA(1);
                if(!(_la === 48 || _la === 49)) {
                this.errorHandler.recoverInline(this);
                }
                else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                }
                this.state = 673;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 61) {
                    {
                    this.state = 669;
                    this.match(qasm3Parser.LPAREN);
                    this.state = 670;
                    this.expression(0);
                    this.state = 671;
                    this.match(qasm3Parser.RPAREN);
                    }
                }

                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 677;
            this.match(qasm3Parser.AT);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public scalarType(): ScalarTypeContext {
        let localContext = new ScalarTypeContext(this.context, this.state);
        this.enterRule(localContext, 100, qasm3Parser.RULE_scalarType);
        let _la: number;
        try {
            this.state = 709;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.BIT:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 679;
                this.match(qasm3Parser.BIT);
                this.state = 681;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 680;
                    this.designator();
                    }
                }

                }
                break;
            case qasm3Parser.INT:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 683;
                this.match(qasm3Parser.INT);
                this.state = 685;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 684;
                    this.designator();
                    }
                }

                }
                break;
            case qasm3Parser.UINT:
                this.enterOuterAlt(localContext, 3);
                {
                this.state = 687;
                this.match(qasm3Parser.UINT);
                this.state = 689;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 688;
                    this.designator();
                    }
                }

                }
                break;
            case qasm3Parser.FLOAT:
                this.enterOuterAlt(localContext, 4);
                {
                this.state = 691;
                this.match(qasm3Parser.FLOAT);
                this.state = 693;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 692;
                    this.designator();
                    }
                }

                }
                break;
            case qasm3Parser.ANGLE:
                this.enterOuterAlt(localContext, 5);
                {
                this.state = 695;
                this.match(qasm3Parser.ANGLE);
                this.state = 697;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 696;
                    this.designator();
                    }
                }

                }
                break;
            case qasm3Parser.BOOL:
                this.enterOuterAlt(localContext, 6);
                {
                this.state = 699;
                this.match(qasm3Parser.BOOL);
                }
                break;
            case qasm3Parser.DURATION:
                this.enterOuterAlt(localContext, 7);
                {
                this.state = 700;
                this.match(qasm3Parser.DURATION);
                }
                break;
            case qasm3Parser.STRETCH:
                this.enterOuterAlt(localContext, 8);
                {
                this.state = 701;
                this.match(qasm3Parser.STRETCH);
                }
                break;
            case qasm3Parser.COMPLEX:
                this.enterOuterAlt(localContext, 9);
                {
                this.state = 702;
                this.match(qasm3Parser.COMPLEX);
                this.state = 707;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 703;
                    this.match(qasm3Parser.LBRACKET);
                    this.state = 704;
                    this.scalarType();
                    this.state = 705;
                    this.match(qasm3Parser.RBRACKET);
                    }
                }

                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public qubitType(): QubitTypeContext {
        let localContext = new QubitTypeContext(this.context, this.state);
        this.enterRule(localContext, 102, qasm3Parser.RULE_qubitType);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 711;
            this.match(qasm3Parser.QUBIT);
            this.state = 713;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 57) {
                {
                this.state = 712;
                this.designator();
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public arrayType(): ArrayTypeContext {
        let localContext = new ArrayTypeContext(this.context, this.state);
        this.enterRule(localContext, 104, qasm3Parser.RULE_arrayType);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 715;
            this.match(qasm3Parser.ARRAY);
            this.state = 716;
            this.match(qasm3Parser.LBRACKET);
            this.state = 717;
            this.scalarType();
            this.state = 718;
            this.match(qasm3Parser.COMMA);
            this.state = 719;
            this.expressionList();
            this.state = 720;
            this.match(qasm3Parser.RBRACKET);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public arrayReferenceType(): ArrayReferenceTypeContext {
        let localContext = new ArrayReferenceTypeContext(this.context, this.state);
        this.enterRule(localContext, 106, qasm3Parser.RULE_arrayReferenceType);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 722;
            _la = this.tokenStream.LA(1);
            if(!(_la === 29 || _la === 30)) {
            this.errorHandler.recoverInline(this);
            }
            else {
                this.errorHandler.reportMatch(this);
                this.consume();
            }
            this.state = 723;
            this.match(qasm3Parser.ARRAY);
            this.state = 724;
            this.match(qasm3Parser.LBRACKET);
            this.state = 725;
            this.scalarType();
            this.state = 726;
            this.match(qasm3Parser.COMMA);
            this.state = 731;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.ARRAY:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
            case qasm3Parser.DURATIONOF:
            case qasm3Parser.BooleanLiteral:
            case qasm3Parser.LPAREN:
            case qasm3Parser.MINUS:
            case qasm3Parser.TILDE:
            case qasm3Parser.EXCLAMATION_POINT:
            case qasm3Parser.ImaginaryLiteral:
            case qasm3Parser.BinaryIntegerLiteral:
            case qasm3Parser.OctalIntegerLiteral:
            case qasm3Parser.DecimalIntegerLiteral:
            case qasm3Parser.HexIntegerLiteral:
            case qasm3Parser.Identifier:
            case qasm3Parser.HardwareQubit:
            case qasm3Parser.FloatLiteral:
            case qasm3Parser.TimingLiteral:
            case qasm3Parser.BitstringLiteral:
                {
                this.state = 727;
                this.expressionList();
                }
                break;
            case qasm3Parser.DIM:
                {
                this.state = 728;
                this.match(qasm3Parser.DIM);
                this.state = 729;
                this.match(qasm3Parser.EQUALS);
                this.state = 730;
                this.expression(0);
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
            this.state = 733;
            this.match(qasm3Parser.RBRACKET);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public designator(): DesignatorContext {
        let localContext = new DesignatorContext(this.context, this.state);
        this.enterRule(localContext, 108, qasm3Parser.RULE_designator);
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 735;
            this.match(qasm3Parser.LBRACKET);
            this.state = 736;
            this.expression(0);
            this.state = 737;
            this.match(qasm3Parser.RBRACKET);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defcalTarget(): DefcalTargetContext {
        let localContext = new DefcalTargetContext(this.context, this.state);
        this.enterRule(localContext, 110, qasm3Parser.RULE_defcalTarget);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 739;
            _la = this.tokenStream.LA(1);
            if(!(((((_la - 52)) & ~0x1F) === 0 && ((1 << (_la - 52)) & 7) !== 0) || _la === 94)) {
            this.errorHandler.recoverInline(this);
            }
            else {
                this.errorHandler.reportMatch(this);
                this.consume();
            }
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defcalArgumentDefinition(): DefcalArgumentDefinitionContext {
        let localContext = new DefcalArgumentDefinitionContext(this.context, this.state);
        this.enterRule(localContext, 112, qasm3Parser.RULE_defcalArgumentDefinition);
        try {
            this.state = 743;
            this.errorHandler.sync(this);
            switch (this.interpreter.adaptivePredict(this.tokenStream, 81, this.context) ) {
            case 1:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 741;
                this.expression(0);
                }
                break;
            case 2:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 742;
                this.argumentDefinition();
                }
                break;
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defcalOperand(): DefcalOperandContext {
        let localContext = new DefcalOperandContext(this.context, this.state);
        this.enterRule(localContext, 114, qasm3Parser.RULE_defcalOperand);
        let _la: number;
        try {
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 745;
            _la = this.tokenStream.LA(1);
            if(!(_la === 94 || _la === 95)) {
            this.errorHandler.recoverInline(this);
            }
            else {
                this.errorHandler.reportMatch(this);
                this.consume();
            }
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public gateOperand(): GateOperandContext {
        let localContext = new GateOperandContext(this.context, this.state);
        this.enterRule(localContext, 116, qasm3Parser.RULE_gateOperand);
        try {
            this.state = 749;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.Identifier:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 747;
                this.indexedIdentifier();
                }
                break;
            case qasm3Parser.HardwareQubit:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 748;
                this.match(qasm3Parser.HardwareQubit);
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public externArgument(): ExternArgumentContext {
        let localContext = new ExternArgumentContext(this.context, this.state);
        this.enterRule(localContext, 118, qasm3Parser.RULE_externArgument);
        let _la: number;
        try {
            this.state = 757;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 751;
                this.scalarType();
                }
                break;
            case qasm3Parser.READONLY:
            case qasm3Parser.MUTABLE:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 752;
                this.arrayReferenceType();
                }
                break;
            case qasm3Parser.CREG:
                this.enterOuterAlt(localContext, 3);
                {
                this.state = 753;
                this.match(qasm3Parser.CREG);
                this.state = 755;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 754;
                    this.designator();
                    }
                }

                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public argumentDefinition(): ArgumentDefinitionContext {
        let localContext = new ArgumentDefinitionContext(this.context, this.state);
        this.enterRule(localContext, 120, qasm3Parser.RULE_argumentDefinition);
        let _la: number;
        try {
            this.state = 773;
            this.errorHandler.sync(this);
            switch (this.tokenStream.LA(1)) {
            case qasm3Parser.BOOL:
            case qasm3Parser.BIT:
            case qasm3Parser.INT:
            case qasm3Parser.UINT:
            case qasm3Parser.FLOAT:
            case qasm3Parser.ANGLE:
            case qasm3Parser.COMPLEX:
            case qasm3Parser.DURATION:
            case qasm3Parser.STRETCH:
                this.enterOuterAlt(localContext, 1);
                {
                this.state = 759;
                this.scalarType();
                this.state = 760;
                this.match(qasm3Parser.Identifier);
                }
                break;
            case qasm3Parser.QUBIT:
                this.enterOuterAlt(localContext, 2);
                {
                this.state = 762;
                this.qubitType();
                this.state = 763;
                this.match(qasm3Parser.Identifier);
                }
                break;
            case qasm3Parser.QREG:
            case qasm3Parser.CREG:
                this.enterOuterAlt(localContext, 3);
                {
                this.state = 765;
                _la = this.tokenStream.LA(1);
                if(!(_la === 31 || _la === 33)) {
                this.errorHandler.recoverInline(this);
                }
                else {
                    this.errorHandler.reportMatch(this);
                    this.consume();
                }
                this.state = 766;
                this.match(qasm3Parser.Identifier);
                this.state = 768;
                this.errorHandler.sync(this);
                _la = this.tokenStream.LA(1);
                if (_la === 57) {
                    {
                    this.state = 767;
                    this.designator();
                    }
                }

                }
                break;
            case qasm3Parser.READONLY:
            case qasm3Parser.MUTABLE:
                this.enterOuterAlt(localContext, 4);
                {
                this.state = 770;
                this.arrayReferenceType();
                this.state = 771;
                this.match(qasm3Parser.Identifier);
                }
                break;
            default:
                throw new antlr.NoViableAltException(this);
            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public argumentDefinitionList(): ArgumentDefinitionListContext {
        let localContext = new ArgumentDefinitionListContext(this.context, this.state);
        this.enterRule(localContext, 122, qasm3Parser.RULE_argumentDefinitionList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 775;
            this.argumentDefinition();
            this.state = 780;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 87, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 776;
                    this.match(qasm3Parser.COMMA);
                    this.state = 777;
                    this.argumentDefinition();
                    }
                    }
                }
                this.state = 782;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 87, this.context);
            }
            this.state = 784;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 783;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defcalArgumentDefinitionList(): DefcalArgumentDefinitionListContext {
        let localContext = new DefcalArgumentDefinitionListContext(this.context, this.state);
        this.enterRule(localContext, 124, qasm3Parser.RULE_defcalArgumentDefinitionList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 786;
            this.defcalArgumentDefinition();
            this.state = 791;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 89, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 787;
                    this.match(qasm3Parser.COMMA);
                    this.state = 788;
                    this.defcalArgumentDefinition();
                    }
                    }
                }
                this.state = 793;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 89, this.context);
            }
            this.state = 795;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 794;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public defcalOperandList(): DefcalOperandListContext {
        let localContext = new DefcalOperandListContext(this.context, this.state);
        this.enterRule(localContext, 126, qasm3Parser.RULE_defcalOperandList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 797;
            this.defcalOperand();
            this.state = 802;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 91, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 798;
                    this.match(qasm3Parser.COMMA);
                    this.state = 799;
                    this.defcalOperand();
                    }
                    }
                }
                this.state = 804;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 91, this.context);
            }
            this.state = 806;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 805;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public expressionList(): ExpressionListContext {
        let localContext = new ExpressionListContext(this.context, this.state);
        this.enterRule(localContext, 128, qasm3Parser.RULE_expressionList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 808;
            this.expression(0);
            this.state = 813;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 93, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 809;
                    this.match(qasm3Parser.COMMA);
                    this.state = 810;
                    this.expression(0);
                    }
                    }
                }
                this.state = 815;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 93, this.context);
            }
            this.state = 817;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 816;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public identifierList(): IdentifierListContext {
        let localContext = new IdentifierListContext(this.context, this.state);
        this.enterRule(localContext, 130, qasm3Parser.RULE_identifierList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 819;
            this.match(qasm3Parser.Identifier);
            this.state = 824;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 95, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 820;
                    this.match(qasm3Parser.COMMA);
                    this.state = 821;
                    this.match(qasm3Parser.Identifier);
                    }
                    }
                }
                this.state = 826;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 95, this.context);
            }
            this.state = 828;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 827;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public gateOperandList(): GateOperandListContext {
        let localContext = new GateOperandListContext(this.context, this.state);
        this.enterRule(localContext, 132, qasm3Parser.RULE_gateOperandList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 830;
            this.gateOperand();
            this.state = 835;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 97, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 831;
                    this.match(qasm3Parser.COMMA);
                    this.state = 832;
                    this.gateOperand();
                    }
                    }
                }
                this.state = 837;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 97, this.context);
            }
            this.state = 839;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 838;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }
    public externArgumentList(): ExternArgumentListContext {
        let localContext = new ExternArgumentListContext(this.context, this.state);
        this.enterRule(localContext, 134, qasm3Parser.RULE_externArgumentList);
        let _la: number;
        try {
            let alternative: number;
            this.enterOuterAlt(localContext, 1);
            {
            this.state = 841;
            this.externArgument();
            this.state = 846;
            this.errorHandler.sync(this);
            alternative = this.interpreter.adaptivePredict(this.tokenStream, 99, this.context);
            while (alternative !== 2 && alternative !== antlr.ATN.INVALID_ALT_NUMBER) {
                if (alternative === 1) {
                    {
                    {
                    this.state = 842;
                    this.match(qasm3Parser.COMMA);
                    this.state = 843;
                    this.externArgument();
                    }
                    }
                }
                this.state = 848;
                this.errorHandler.sync(this);
                alternative = this.interpreter.adaptivePredict(this.tokenStream, 99, this.context);
            }
            this.state = 850;
            this.errorHandler.sync(this);
            _la = this.tokenStream.LA(1);
            if (_la === 66) {
                {
                this.state = 849;
                this.match(qasm3Parser.COMMA);
                }
            }

            }
        }
        catch (re) {
            if (re instanceof antlr.RecognitionException) {
                this.errorHandler.reportError(this, re);
                this.errorHandler.recover(this, re);
            } else {
                throw re;
            }
        }
        finally {
            this.exitRule();
        }
        return localContext;
    }

    public override sempred(localContext: antlr.ParserRuleContext | null, ruleIndex: number, predIndex: number): boolean {
        switch (ruleIndex) {
        case 38:
            return this.expression_sempred(localContext as ExpressionContext, predIndex);
        }
        return true;
    }
    private expression_sempred(localContext: ExpressionContext | null, predIndex: number): boolean {
        switch (predIndex) {
        case 0:
            return this.precpred(this.context, 16);
        case 1:
            return this.precpred(this.context, 14);
        case 2:
            return this.precpred(this.context, 13);
        case 3:
            return this.precpred(this.context, 12);
        case 4:
            return this.precpred(this.context, 11);
        case 5:
            return this.precpred(this.context, 10);
        case 6:
            return this.precpred(this.context, 9);
        case 7:
            return this.precpred(this.context, 8);
        case 8:
            return this.precpred(this.context, 7);
        case 9:
            return this.precpred(this.context, 6);
        case 10:
            return this.precpred(this.context, 5);
        case 11:
            return this.precpred(this.context, 17);
        }
        return true;
    }

    public static readonly _serializedATN: number[] = [
        4,1,114,853,2,0,7,0,2,1,7,1,2,2,7,2,2,3,7,3,2,4,7,4,2,5,7,5,2,6,
        7,6,2,7,7,7,2,8,7,8,2,9,7,9,2,10,7,10,2,11,7,11,2,12,7,12,2,13,7,
        13,2,14,7,14,2,15,7,15,2,16,7,16,2,17,7,17,2,18,7,18,2,19,7,19,2,
        20,7,20,2,21,7,21,2,22,7,22,2,23,7,23,2,24,7,24,2,25,7,25,2,26,7,
        26,2,27,7,27,2,28,7,28,2,29,7,29,2,30,7,30,2,31,7,31,2,32,7,32,2,
        33,7,33,2,34,7,34,2,35,7,35,2,36,7,36,2,37,7,37,2,38,7,38,2,39,7,
        39,2,40,7,40,2,41,7,41,2,42,7,42,2,43,7,43,2,44,7,44,2,45,7,45,2,
        46,7,46,2,47,7,47,2,48,7,48,2,49,7,49,2,50,7,50,2,51,7,51,2,52,7,
        52,2,53,7,53,2,54,7,54,2,55,7,55,2,56,7,56,2,57,7,57,2,58,7,58,2,
        59,7,59,2,60,7,60,2,61,7,61,2,62,7,62,2,63,7,63,2,64,7,64,2,65,7,
        65,2,66,7,66,2,67,7,67,1,0,3,0,138,8,0,1,0,5,0,141,8,0,10,0,12,0,
        144,9,0,1,0,1,0,1,1,1,1,1,1,1,1,1,2,1,2,5,2,154,8,2,10,2,12,2,157,
        9,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,
        1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,3,2,
        189,8,2,3,2,191,8,2,1,3,1,3,3,3,195,8,3,1,4,1,4,5,4,199,8,4,10,4,
        12,4,202,9,4,1,4,1,4,1,5,1,5,1,5,1,6,1,6,3,6,211,8,6,1,7,1,7,1,7,
        1,7,1,8,1,8,1,8,1,8,1,9,1,9,1,9,1,10,1,10,1,10,1,11,1,11,1,11,1,
        12,1,12,1,12,1,12,1,12,1,12,1,12,1,12,1,12,1,12,3,12,240,8,12,1,
        12,1,12,1,13,1,13,1,13,1,13,1,13,1,13,1,13,3,13,251,8,13,1,14,1,
        14,1,14,1,14,3,14,257,8,14,1,14,1,14,1,15,1,15,1,15,1,15,1,15,1,
        15,1,16,1,16,1,16,1,16,1,16,1,16,5,16,273,8,16,10,16,12,16,276,9,
        16,1,16,1,16,1,17,1,17,1,17,1,17,1,17,1,17,3,17,286,8,17,1,18,1,
        18,3,18,290,8,18,1,18,1,18,1,19,1,19,3,19,296,8,19,1,19,1,19,1,20,
        1,20,1,20,3,20,303,8,20,1,20,1,20,1,21,1,21,3,21,309,8,21,1,21,1,
        21,1,22,5,22,314,8,22,10,22,12,22,317,9,22,1,22,1,22,1,22,3,22,322,
        8,22,1,22,3,22,325,8,22,1,22,3,22,328,8,22,1,22,1,22,1,22,1,22,5,
        22,334,8,22,10,22,12,22,337,9,22,1,22,1,22,1,22,3,22,342,8,22,1,
        22,3,22,345,8,22,1,22,3,22,348,8,22,1,22,3,22,351,8,22,1,22,3,22,
        354,8,22,1,23,1,23,3,23,358,8,23,1,23,1,23,3,23,362,8,23,1,23,1,
        23,1,24,1,24,1,24,1,24,1,25,1,25,1,25,1,25,1,25,1,25,1,26,1,26,3,
        26,378,8,26,1,26,1,26,1,26,3,26,383,8,26,1,26,1,26,1,27,1,27,1,27,
        1,27,1,27,1,27,1,27,1,28,1,28,1,28,3,28,397,8,28,1,28,1,28,1,28,
        1,29,1,29,1,29,3,29,405,8,29,1,29,1,29,1,30,1,30,1,30,1,30,1,31,
        1,31,1,31,1,31,3,31,417,8,31,1,31,1,31,3,31,421,8,31,1,31,1,31,1,
        32,1,32,1,32,1,32,3,32,429,8,32,1,32,1,32,3,32,433,8,32,1,32,1,32,
        1,33,1,33,1,33,1,33,3,33,441,8,33,1,33,3,33,444,8,33,1,33,1,33,1,
        33,1,34,1,34,1,34,1,34,1,34,3,34,454,8,34,1,34,1,34,1,35,1,35,1,
        35,1,36,1,36,1,36,3,36,464,8,36,1,36,1,36,1,37,1,37,1,37,1,37,3,
        37,472,8,37,1,37,3,37,475,8,37,1,37,1,37,3,37,479,8,37,1,37,1,37,
        3,37,483,8,37,1,37,1,37,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,
        1,38,3,38,496,8,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,
        1,38,1,38,1,38,3,38,510,8,38,1,38,1,38,3,38,514,8,38,1,38,1,38,1,
        38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,
        38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,38,1,
        38,1,38,1,38,1,38,1,38,1,38,1,38,5,38,551,8,38,10,38,12,38,554,9,
        38,1,39,1,39,1,39,5,39,559,8,39,10,39,12,39,562,9,39,1,40,1,40,1,
        40,1,40,3,40,568,8,40,1,41,1,41,1,41,1,42,1,42,1,42,3,42,576,8,42,
        1,42,3,42,579,8,42,1,42,1,42,1,43,3,43,584,8,43,1,43,1,43,3,43,588,
        8,43,1,43,1,43,3,43,592,8,43,1,44,1,44,1,44,1,44,5,44,598,8,44,10,
        44,12,44,601,9,44,1,44,3,44,604,8,44,1,44,1,44,1,45,1,45,1,45,3,
        45,611,8,45,1,45,1,45,1,45,3,45,616,8,45,5,45,618,8,45,10,45,12,
        45,621,9,45,1,45,3,45,624,8,45,3,45,626,8,45,1,45,1,45,1,46,1,46,
        1,46,1,46,3,46,634,8,46,1,46,1,46,1,46,3,46,639,8,46,5,46,641,8,
        46,10,46,12,46,644,9,46,1,46,3,46,647,8,46,3,46,649,8,46,1,46,1,
        46,1,47,1,47,5,47,655,8,47,10,47,12,47,658,9,47,1,48,1,48,1,48,1,
        49,1,49,1,49,1,49,1,49,1,49,1,49,1,49,1,49,1,49,1,49,3,49,674,8,
        49,3,49,676,8,49,1,49,1,49,1,50,1,50,3,50,682,8,50,1,50,1,50,3,50,
        686,8,50,1,50,1,50,3,50,690,8,50,1,50,1,50,3,50,694,8,50,1,50,1,
        50,3,50,698,8,50,1,50,1,50,1,50,1,50,1,50,1,50,1,50,1,50,3,50,708,
        8,50,3,50,710,8,50,1,51,1,51,3,51,714,8,51,1,52,1,52,1,52,1,52,1,
        52,1,52,1,52,1,53,1,53,1,53,1,53,1,53,1,53,1,53,1,53,1,53,3,53,732,
        8,53,1,53,1,53,1,54,1,54,1,54,1,54,1,55,1,55,1,56,1,56,3,56,744,
        8,56,1,57,1,57,1,58,1,58,3,58,750,8,58,1,59,1,59,1,59,1,59,3,59,
        756,8,59,3,59,758,8,59,1,60,1,60,1,60,1,60,1,60,1,60,1,60,1,60,1,
        60,3,60,769,8,60,1,60,1,60,1,60,3,60,774,8,60,1,61,1,61,1,61,5,61,
        779,8,61,10,61,12,61,782,9,61,1,61,3,61,785,8,61,1,62,1,62,1,62,
        5,62,790,8,62,10,62,12,62,793,9,62,1,62,3,62,796,8,62,1,63,1,63,
        1,63,5,63,801,8,63,10,63,12,63,804,9,63,1,63,3,63,807,8,63,1,64,
        1,64,1,64,5,64,812,8,64,10,64,12,64,815,9,64,1,64,3,64,818,8,64,
        1,65,1,65,1,65,5,65,823,8,65,10,65,12,65,826,9,65,1,65,3,65,829,
        8,65,1,66,1,66,1,66,5,66,834,8,66,10,66,12,66,837,9,66,1,66,3,66,
        840,8,66,1,67,1,67,1,67,5,67,845,8,67,10,67,12,67,848,9,67,1,67,
        3,67,851,8,67,1,67,0,1,76,68,0,2,4,6,8,10,12,14,16,18,20,22,24,26,
        28,30,32,34,36,38,40,42,44,46,48,50,52,54,56,58,60,62,64,66,68,70,
        72,74,76,78,80,82,84,86,88,90,92,94,96,98,100,102,104,106,108,110,
        112,114,116,118,120,122,124,126,128,130,132,134,0,11,1,0,26,27,2,
        0,31,31,33,33,2,0,67,67,85,85,2,0,71,71,82,83,2,0,56,56,89,98,2,
        0,72,72,74,75,2,0,69,69,71,71,1,0,48,49,1,0,29,30,2,0,52,54,94,94,
        1,0,94,95,944,0,137,1,0,0,0,2,147,1,0,0,0,4,190,1,0,0,0,6,192,1,
        0,0,0,8,196,1,0,0,0,10,205,1,0,0,0,12,210,1,0,0,0,14,212,1,0,0,0,
        16,216,1,0,0,0,18,220,1,0,0,0,20,223,1,0,0,0,22,226,1,0,0,0,24,229,
        1,0,0,0,26,243,1,0,0,0,28,252,1,0,0,0,30,260,1,0,0,0,32,266,1,0,
        0,0,34,285,1,0,0,0,36,287,1,0,0,0,38,293,1,0,0,0,40,299,1,0,0,0,
        42,306,1,0,0,0,44,353,1,0,0,0,46,357,1,0,0,0,48,365,1,0,0,0,50,369,
        1,0,0,0,52,377,1,0,0,0,54,386,1,0,0,0,56,393,1,0,0,0,58,401,1,0,
        0,0,60,408,1,0,0,0,62,412,1,0,0,0,64,424,1,0,0,0,66,436,1,0,0,0,
        68,448,1,0,0,0,70,457,1,0,0,0,72,460,1,0,0,0,74,467,1,0,0,0,76,513,
        1,0,0,0,78,555,1,0,0,0,80,567,1,0,0,0,82,569,1,0,0,0,84,572,1,0,
        0,0,86,583,1,0,0,0,88,593,1,0,0,0,90,607,1,0,0,0,92,629,1,0,0,0,
        94,652,1,0,0,0,96,659,1,0,0,0,98,675,1,0,0,0,100,709,1,0,0,0,102,
        711,1,0,0,0,104,715,1,0,0,0,106,722,1,0,0,0,108,735,1,0,0,0,110,
        739,1,0,0,0,112,743,1,0,0,0,114,745,1,0,0,0,116,749,1,0,0,0,118,
        757,1,0,0,0,120,773,1,0,0,0,122,775,1,0,0,0,124,786,1,0,0,0,126,
        797,1,0,0,0,128,808,1,0,0,0,130,819,1,0,0,0,132,830,1,0,0,0,134,
        841,1,0,0,0,136,138,3,2,1,0,137,136,1,0,0,0,137,138,1,0,0,0,138,
        142,1,0,0,0,139,141,3,12,6,0,140,139,1,0,0,0,141,144,1,0,0,0,142,
        140,1,0,0,0,142,143,1,0,0,0,143,145,1,0,0,0,144,142,1,0,0,0,145,
        146,5,0,0,1,146,1,1,0,0,0,147,148,5,1,0,0,148,149,5,104,0,0,149,
        150,5,64,0,0,150,3,1,0,0,0,151,191,3,10,5,0,152,154,3,6,3,0,153,
        152,1,0,0,0,154,157,1,0,0,0,155,153,1,0,0,0,155,156,1,0,0,0,156,
        188,1,0,0,0,157,155,1,0,0,0,158,189,3,50,25,0,159,189,3,68,34,0,
        160,189,3,36,18,0,161,189,3,38,19,0,162,189,3,18,9,0,163,189,3,72,
        36,0,164,189,3,14,7,0,165,189,3,52,26,0,166,189,3,54,27,0,167,189,
        3,20,10,0,168,189,3,62,31,0,169,189,3,74,37,0,170,189,3,40,20,0,
        171,189,3,22,11,0,172,189,3,70,35,0,173,189,3,64,32,0,174,189,3,
        24,12,0,175,189,3,44,22,0,176,189,3,66,33,0,177,189,3,26,13,0,178,
        189,3,16,8,0,179,189,3,56,28,0,180,189,3,46,23,0,181,189,3,42,21,
        0,182,189,3,58,29,0,183,189,3,60,30,0,184,189,3,48,24,0,185,189,
        3,28,14,0,186,189,3,32,16,0,187,189,3,30,15,0,188,158,1,0,0,0,188,
        159,1,0,0,0,188,160,1,0,0,0,188,161,1,0,0,0,188,162,1,0,0,0,188,
        163,1,0,0,0,188,164,1,0,0,0,188,165,1,0,0,0,188,166,1,0,0,0,188,
        167,1,0,0,0,188,168,1,0,0,0,188,169,1,0,0,0,188,170,1,0,0,0,188,
        171,1,0,0,0,188,172,1,0,0,0,188,173,1,0,0,0,188,174,1,0,0,0,188,
        175,1,0,0,0,188,176,1,0,0,0,188,177,1,0,0,0,188,178,1,0,0,0,188,
        179,1,0,0,0,188,180,1,0,0,0,188,181,1,0,0,0,188,182,1,0,0,0,188,
        183,1,0,0,0,188,184,1,0,0,0,188,185,1,0,0,0,188,186,1,0,0,0,188,
        187,1,0,0,0,189,191,1,0,0,0,190,151,1,0,0,0,190,155,1,0,0,0,191,
        5,1,0,0,0,192,194,5,25,0,0,193,195,5,109,0,0,194,193,1,0,0,0,194,
        195,1,0,0,0,195,7,1,0,0,0,196,200,5,59,0,0,197,199,3,12,6,0,198,
        197,1,0,0,0,199,202,1,0,0,0,200,198,1,0,0,0,200,201,1,0,0,0,201,
        203,1,0,0,0,202,200,1,0,0,0,203,204,5,60,0,0,204,9,1,0,0,0,205,206,
        5,24,0,0,206,207,5,109,0,0,207,11,1,0,0,0,208,211,3,4,2,0,209,211,
        3,8,4,0,210,208,1,0,0,0,210,209,1,0,0,0,211,13,1,0,0,0,212,213,5,
        3,0,0,213,214,5,106,0,0,214,215,5,64,0,0,215,15,1,0,0,0,216,217,
        5,2,0,0,217,218,5,106,0,0,218,219,5,64,0,0,219,17,1,0,0,0,220,221,
        5,11,0,0,221,222,5,64,0,0,222,19,1,0,0,0,223,224,5,12,0,0,224,225,
        5,64,0,0,225,21,1,0,0,0,226,227,5,15,0,0,227,228,5,64,0,0,228,23,
        1,0,0,0,229,230,5,17,0,0,230,231,3,100,50,0,231,232,5,94,0,0,232,
        239,5,19,0,0,233,240,3,88,44,0,234,235,5,57,0,0,235,236,3,86,43,
        0,236,237,5,58,0,0,237,240,1,0,0,0,238,240,3,76,38,0,239,233,1,0,
        0,0,239,234,1,0,0,0,239,238,1,0,0,0,240,241,1,0,0,0,241,242,3,12,
        6,0,242,25,1,0,0,0,243,244,5,13,0,0,244,245,5,61,0,0,245,246,3,76,
        38,0,246,247,5,62,0,0,247,250,3,12,6,0,248,249,5,14,0,0,249,251,
        3,12,6,0,250,248,1,0,0,0,250,251,1,0,0,0,251,27,1,0,0,0,252,256,
        5,16,0,0,253,257,3,76,38,0,254,257,3,82,41,0,255,257,3,84,42,0,256,
        253,1,0,0,0,256,254,1,0,0,0,256,255,1,0,0,0,256,257,1,0,0,0,257,
        258,1,0,0,0,258,259,5,64,0,0,259,29,1,0,0,0,260,261,5,18,0,0,261,
        262,5,61,0,0,262,263,3,76,38,0,263,264,5,62,0,0,264,265,3,12,6,0,
        265,31,1,0,0,0,266,267,5,20,0,0,267,268,5,61,0,0,268,269,3,76,38,
        0,269,270,5,62,0,0,270,274,5,59,0,0,271,273,3,34,17,0,272,271,1,
        0,0,0,273,276,1,0,0,0,274,272,1,0,0,0,274,275,1,0,0,0,275,277,1,
        0,0,0,276,274,1,0,0,0,277,278,5,60,0,0,278,33,1,0,0,0,279,280,5,
        21,0,0,280,281,3,128,64,0,281,282,3,8,4,0,282,286,1,0,0,0,283,284,
        5,22,0,0,284,286,3,8,4,0,285,279,1,0,0,0,285,283,1,0,0,0,286,35,
        1,0,0,0,287,289,5,55,0,0,288,290,3,132,66,0,289,288,1,0,0,0,289,
        290,1,0,0,0,290,291,1,0,0,0,291,292,5,64,0,0,292,37,1,0,0,0,293,
        295,5,9,0,0,294,296,3,108,54,0,295,294,1,0,0,0,295,296,1,0,0,0,296,
        297,1,0,0,0,297,298,3,8,4,0,298,39,1,0,0,0,299,300,5,52,0,0,300,
        302,3,108,54,0,301,303,3,132,66,0,302,301,1,0,0,0,302,303,1,0,0,
        0,303,304,1,0,0,0,304,305,5,64,0,0,305,41,1,0,0,0,306,308,5,23,0,
        0,307,309,3,132,66,0,308,307,1,0,0,0,308,309,1,0,0,0,309,310,1,0,
        0,0,310,311,5,64,0,0,311,43,1,0,0,0,312,314,3,98,49,0,313,312,1,
        0,0,0,314,317,1,0,0,0,315,313,1,0,0,0,315,316,1,0,0,0,316,318,1,
        0,0,0,317,315,1,0,0,0,318,324,5,94,0,0,319,321,5,61,0,0,320,322,
        3,128,64,0,321,320,1,0,0,0,321,322,1,0,0,0,322,323,1,0,0,0,323,325,
        5,62,0,0,324,319,1,0,0,0,324,325,1,0,0,0,325,327,1,0,0,0,326,328,
        3,108,54,0,327,326,1,0,0,0,327,328,1,0,0,0,328,329,1,0,0,0,329,330,
        3,132,66,0,330,331,5,64,0,0,331,354,1,0,0,0,332,334,3,98,49,0,333,
        332,1,0,0,0,334,337,1,0,0,0,335,333,1,0,0,0,335,336,1,0,0,0,336,
        338,1,0,0,0,337,335,1,0,0,0,338,344,5,45,0,0,339,341,5,61,0,0,340,
        342,3,128,64,0,341,340,1,0,0,0,341,342,1,0,0,0,342,343,1,0,0,0,343,
        345,5,62,0,0,344,339,1,0,0,0,344,345,1,0,0,0,345,347,1,0,0,0,346,
        348,3,108,54,0,347,346,1,0,0,0,347,348,1,0,0,0,348,350,1,0,0,0,349,
        351,3,132,66,0,350,349,1,0,0,0,350,351,1,0,0,0,351,352,1,0,0,0,352,
        354,5,64,0,0,353,315,1,0,0,0,353,335,1,0,0,0,354,45,1,0,0,0,355,
        358,3,82,41,0,356,358,3,84,42,0,357,355,1,0,0,0,357,356,1,0,0,0,
        358,361,1,0,0,0,359,360,5,68,0,0,360,362,3,94,47,0,361,359,1,0,0,
        0,361,362,1,0,0,0,362,363,1,0,0,0,363,364,5,64,0,0,364,47,1,0,0,
        0,365,366,5,53,0,0,366,367,3,116,58,0,367,368,5,64,0,0,368,49,1,
        0,0,0,369,370,5,10,0,0,370,371,5,94,0,0,371,372,5,67,0,0,372,373,
        3,78,39,0,373,374,5,64,0,0,374,51,1,0,0,0,375,378,3,100,50,0,376,
        378,3,104,52,0,377,375,1,0,0,0,377,376,1,0,0,0,378,379,1,0,0,0,379,
        382,5,94,0,0,380,381,5,67,0,0,381,383,3,80,40,0,382,380,1,0,0,0,
        382,383,1,0,0,0,383,384,1,0,0,0,384,385,5,64,0,0,385,53,1,0,0,0,
        386,387,5,28,0,0,387,388,3,100,50,0,388,389,5,94,0,0,389,390,5,67,
        0,0,390,391,3,80,40,0,391,392,5,64,0,0,392,55,1,0,0,0,393,396,7,
        0,0,0,394,397,3,100,50,0,395,397,3,104,52,0,396,394,1,0,0,0,396,
        395,1,0,0,0,397,398,1,0,0,0,398,399,5,94,0,0,399,400,5,64,0,0,400,
        57,1,0,0,0,401,402,7,1,0,0,402,404,5,94,0,0,403,405,3,108,54,0,404,
        403,1,0,0,0,404,405,1,0,0,0,405,406,1,0,0,0,406,407,5,64,0,0,407,
        59,1,0,0,0,408,409,3,102,51,0,409,410,5,94,0,0,410,411,5,64,0,0,
        411,61,1,0,0,0,412,413,5,4,0,0,413,414,5,94,0,0,414,416,5,61,0,0,
        415,417,3,122,61,0,416,415,1,0,0,0,416,417,1,0,0,0,417,418,1,0,0,
        0,418,420,5,62,0,0,419,421,3,96,48,0,420,419,1,0,0,0,420,421,1,0,
        0,0,421,422,1,0,0,0,422,423,3,8,4,0,423,63,1,0,0,0,424,425,5,8,0,
        0,425,426,5,94,0,0,426,428,5,61,0,0,427,429,3,134,67,0,428,427,1,
        0,0,0,428,429,1,0,0,0,429,430,1,0,0,0,430,432,5,62,0,0,431,433,3,
        96,48,0,432,431,1,0,0,0,432,433,1,0,0,0,433,434,1,0,0,0,434,435,
        5,64,0,0,435,65,1,0,0,0,436,437,5,7,0,0,437,443,5,94,0,0,438,440,
        5,61,0,0,439,441,3,130,65,0,440,439,1,0,0,0,440,441,1,0,0,0,441,
        442,1,0,0,0,442,444,5,62,0,0,443,438,1,0,0,0,443,444,1,0,0,0,444,
        445,1,0,0,0,445,446,3,130,65,0,446,447,3,8,4,0,447,67,1,0,0,0,448,
        449,3,94,47,0,449,453,7,2,0,0,450,454,3,76,38,0,451,454,3,82,41,
        0,452,454,3,84,42,0,453,450,1,0,0,0,453,451,1,0,0,0,453,452,1,0,
        0,0,454,455,1,0,0,0,455,456,5,64,0,0,456,69,1,0,0,0,457,458,3,76,
        38,0,458,459,5,64,0,0,459,71,1,0,0,0,460,461,5,5,0,0,461,463,5,59,
        0,0,462,464,5,114,0,0,463,462,1,0,0,0,463,464,1,0,0,0,464,465,1,
        0,0,0,465,466,5,60,0,0,466,73,1,0,0,0,467,468,5,6,0,0,468,474,3,
        110,55,0,469,471,5,61,0,0,470,472,3,124,62,0,471,470,1,0,0,0,471,
        472,1,0,0,0,472,473,1,0,0,0,473,475,5,62,0,0,474,469,1,0,0,0,474,
        475,1,0,0,0,475,476,1,0,0,0,476,478,3,126,63,0,477,479,3,96,48,0,
        478,477,1,0,0,0,478,479,1,0,0,0,479,480,1,0,0,0,480,482,5,59,0,0,
        481,483,5,114,0,0,482,481,1,0,0,0,482,483,1,0,0,0,483,484,1,0,0,
        0,484,485,5,60,0,0,485,75,1,0,0,0,486,487,6,38,-1,0,487,488,5,61,
        0,0,488,489,3,76,38,0,489,490,5,62,0,0,490,514,1,0,0,0,491,492,7,
        3,0,0,492,514,3,76,38,15,493,496,3,100,50,0,494,496,3,104,52,0,495,
        493,1,0,0,0,495,494,1,0,0,0,496,497,1,0,0,0,497,498,5,61,0,0,498,
        499,3,76,38,0,499,500,5,62,0,0,500,514,1,0,0,0,501,502,5,51,0,0,
        502,503,5,61,0,0,503,504,3,8,4,0,504,505,5,62,0,0,505,514,1,0,0,
        0,506,507,5,94,0,0,507,509,5,61,0,0,508,510,3,128,64,0,509,508,1,
        0,0,0,509,510,1,0,0,0,510,511,1,0,0,0,511,514,5,62,0,0,512,514,7,
        4,0,0,513,486,1,0,0,0,513,491,1,0,0,0,513,495,1,0,0,0,513,501,1,
        0,0,0,513,506,1,0,0,0,513,512,1,0,0,0,514,552,1,0,0,0,515,516,10,
        16,0,0,516,517,5,73,0,0,517,551,3,76,38,16,518,519,10,14,0,0,519,
        520,7,5,0,0,520,551,3,76,38,15,521,522,10,13,0,0,522,523,7,6,0,0,
        523,551,3,76,38,14,524,525,10,12,0,0,525,526,5,87,0,0,526,551,3,
        76,38,13,527,528,10,11,0,0,528,529,5,86,0,0,529,551,3,76,38,12,530,
        531,10,10,0,0,531,532,5,84,0,0,532,551,3,76,38,11,533,534,10,9,0,
        0,534,535,5,78,0,0,535,551,3,76,38,10,536,537,10,8,0,0,537,538,5,
        80,0,0,538,551,3,76,38,9,539,540,10,7,0,0,540,541,5,76,0,0,541,551,
        3,76,38,8,542,543,10,6,0,0,543,544,5,79,0,0,544,551,3,76,38,7,545,
        546,10,5,0,0,546,547,5,77,0,0,547,551,3,76,38,6,548,549,10,17,0,
        0,549,551,3,92,46,0,550,515,1,0,0,0,550,518,1,0,0,0,550,521,1,0,
        0,0,550,524,1,0,0,0,550,527,1,0,0,0,550,530,1,0,0,0,550,533,1,0,
        0,0,550,536,1,0,0,0,550,539,1,0,0,0,550,542,1,0,0,0,550,545,1,0,
        0,0,550,548,1,0,0,0,551,554,1,0,0,0,552,550,1,0,0,0,552,553,1,0,
        0,0,553,77,1,0,0,0,554,552,1,0,0,0,555,560,3,76,38,0,556,557,5,70,
        0,0,557,559,3,76,38,0,558,556,1,0,0,0,559,562,1,0,0,0,560,558,1,
        0,0,0,560,561,1,0,0,0,561,79,1,0,0,0,562,560,1,0,0,0,563,568,3,90,
        45,0,564,568,3,76,38,0,565,568,3,82,41,0,566,568,3,84,42,0,567,563,
        1,0,0,0,567,564,1,0,0,0,567,565,1,0,0,0,567,566,1,0,0,0,568,81,1,
        0,0,0,569,570,5,54,0,0,570,571,3,116,58,0,571,83,1,0,0,0,572,578,
        5,94,0,0,573,575,5,61,0,0,574,576,3,128,64,0,575,574,1,0,0,0,575,
        576,1,0,0,0,576,577,1,0,0,0,577,579,5,62,0,0,578,573,1,0,0,0,578,
        579,1,0,0,0,579,580,1,0,0,0,580,581,3,132,66,0,581,85,1,0,0,0,582,
        584,3,76,38,0,583,582,1,0,0,0,583,584,1,0,0,0,584,585,1,0,0,0,585,
        587,5,63,0,0,586,588,3,76,38,0,587,586,1,0,0,0,587,588,1,0,0,0,588,
        591,1,0,0,0,589,590,5,63,0,0,590,592,3,76,38,0,591,589,1,0,0,0,591,
        592,1,0,0,0,592,87,1,0,0,0,593,594,5,59,0,0,594,599,3,76,38,0,595,
        596,5,66,0,0,596,598,3,76,38,0,597,595,1,0,0,0,598,601,1,0,0,0,599,
        597,1,0,0,0,599,600,1,0,0,0,600,603,1,0,0,0,601,599,1,0,0,0,602,
        604,5,66,0,0,603,602,1,0,0,0,603,604,1,0,0,0,604,605,1,0,0,0,605,
        606,5,60,0,0,606,89,1,0,0,0,607,625,5,59,0,0,608,611,3,76,38,0,609,
        611,3,90,45,0,610,608,1,0,0,0,610,609,1,0,0,0,611,619,1,0,0,0,612,
        615,5,66,0,0,613,616,3,76,38,0,614,616,3,90,45,0,615,613,1,0,0,0,
        615,614,1,0,0,0,616,618,1,0,0,0,617,612,1,0,0,0,618,621,1,0,0,0,
        619,617,1,0,0,0,619,620,1,0,0,0,620,623,1,0,0,0,621,619,1,0,0,0,
        622,624,5,66,0,0,623,622,1,0,0,0,623,624,1,0,0,0,624,626,1,0,0,0,
        625,610,1,0,0,0,625,626,1,0,0,0,626,627,1,0,0,0,627,628,5,60,0,0,
        628,91,1,0,0,0,629,648,5,57,0,0,630,649,3,88,44,0,631,634,3,76,38,
        0,632,634,3,86,43,0,633,631,1,0,0,0,633,632,1,0,0,0,634,642,1,0,
        0,0,635,638,5,66,0,0,636,639,3,76,38,0,637,639,3,86,43,0,638,636,
        1,0,0,0,638,637,1,0,0,0,639,641,1,0,0,0,640,635,1,0,0,0,641,644,
        1,0,0,0,642,640,1,0,0,0,642,643,1,0,0,0,643,646,1,0,0,0,644,642,
        1,0,0,0,645,647,5,66,0,0,646,645,1,0,0,0,646,647,1,0,0,0,647,649,
        1,0,0,0,648,630,1,0,0,0,648,633,1,0,0,0,649,650,1,0,0,0,650,651,
        5,58,0,0,651,93,1,0,0,0,652,656,5,94,0,0,653,655,3,92,46,0,654,653,
        1,0,0,0,655,658,1,0,0,0,656,654,1,0,0,0,656,657,1,0,0,0,657,95,1,
        0,0,0,658,656,1,0,0,0,659,660,5,68,0,0,660,661,3,100,50,0,661,97,
        1,0,0,0,662,676,5,46,0,0,663,664,5,47,0,0,664,665,5,61,0,0,665,666,
        3,76,38,0,666,667,5,62,0,0,667,676,1,0,0,0,668,673,7,7,0,0,669,670,
        5,61,0,0,670,671,3,76,38,0,671,672,5,62,0,0,672,674,1,0,0,0,673,
        669,1,0,0,0,673,674,1,0,0,0,674,676,1,0,0,0,675,662,1,0,0,0,675,
        663,1,0,0,0,675,668,1,0,0,0,676,677,1,0,0,0,677,678,5,81,0,0,678,
        99,1,0,0,0,679,681,5,35,0,0,680,682,3,108,54,0,681,680,1,0,0,0,681,
        682,1,0,0,0,682,710,1,0,0,0,683,685,5,36,0,0,684,686,3,108,54,0,
        685,684,1,0,0,0,685,686,1,0,0,0,686,710,1,0,0,0,687,689,5,37,0,0,
        688,690,3,108,54,0,689,688,1,0,0,0,689,690,1,0,0,0,690,710,1,0,0,
        0,691,693,5,38,0,0,692,694,3,108,54,0,693,692,1,0,0,0,693,694,1,
        0,0,0,694,710,1,0,0,0,695,697,5,39,0,0,696,698,3,108,54,0,697,696,
        1,0,0,0,697,698,1,0,0,0,698,710,1,0,0,0,699,710,5,34,0,0,700,710,
        5,43,0,0,701,710,5,44,0,0,702,707,5,40,0,0,703,704,5,57,0,0,704,
        705,3,100,50,0,705,706,5,58,0,0,706,708,1,0,0,0,707,703,1,0,0,0,
        707,708,1,0,0,0,708,710,1,0,0,0,709,679,1,0,0,0,709,683,1,0,0,0,
        709,687,1,0,0,0,709,691,1,0,0,0,709,695,1,0,0,0,709,699,1,0,0,0,
        709,700,1,0,0,0,709,701,1,0,0,0,709,702,1,0,0,0,710,101,1,0,0,0,
        711,713,5,32,0,0,712,714,3,108,54,0,713,712,1,0,0,0,713,714,1,0,
        0,0,714,103,1,0,0,0,715,716,5,41,0,0,716,717,5,57,0,0,717,718,3,
        100,50,0,718,719,5,66,0,0,719,720,3,128,64,0,720,721,5,58,0,0,721,
        105,1,0,0,0,722,723,7,8,0,0,723,724,5,41,0,0,724,725,5,57,0,0,725,
        726,3,100,50,0,726,731,5,66,0,0,727,732,3,128,64,0,728,729,5,50,
        0,0,729,730,5,67,0,0,730,732,3,76,38,0,731,727,1,0,0,0,731,728,1,
        0,0,0,732,733,1,0,0,0,733,734,5,58,0,0,734,107,1,0,0,0,735,736,5,
        57,0,0,736,737,3,76,38,0,737,738,5,58,0,0,738,109,1,0,0,0,739,740,
        7,9,0,0,740,111,1,0,0,0,741,744,3,76,38,0,742,744,3,120,60,0,743,
        741,1,0,0,0,743,742,1,0,0,0,744,113,1,0,0,0,745,746,7,10,0,0,746,
        115,1,0,0,0,747,750,3,94,47,0,748,750,5,95,0,0,749,747,1,0,0,0,749,
        748,1,0,0,0,750,117,1,0,0,0,751,758,3,100,50,0,752,758,3,106,53,
        0,753,755,5,33,0,0,754,756,3,108,54,0,755,754,1,0,0,0,755,756,1,
        0,0,0,756,758,1,0,0,0,757,751,1,0,0,0,757,752,1,0,0,0,757,753,1,
        0,0,0,758,119,1,0,0,0,759,760,3,100,50,0,760,761,5,94,0,0,761,774,
        1,0,0,0,762,763,3,102,51,0,763,764,5,94,0,0,764,774,1,0,0,0,765,
        766,7,1,0,0,766,768,5,94,0,0,767,769,3,108,54,0,768,767,1,0,0,0,
        768,769,1,0,0,0,769,774,1,0,0,0,770,771,3,106,53,0,771,772,5,94,
        0,0,772,774,1,0,0,0,773,759,1,0,0,0,773,762,1,0,0,0,773,765,1,0,
        0,0,773,770,1,0,0,0,774,121,1,0,0,0,775,780,3,120,60,0,776,777,5,
        66,0,0,777,779,3,120,60,0,778,776,1,0,0,0,779,782,1,0,0,0,780,778,
        1,0,0,0,780,781,1,0,0,0,781,784,1,0,0,0,782,780,1,0,0,0,783,785,
        5,66,0,0,784,783,1,0,0,0,784,785,1,0,0,0,785,123,1,0,0,0,786,791,
        3,112,56,0,787,788,5,66,0,0,788,790,3,112,56,0,789,787,1,0,0,0,790,
        793,1,0,0,0,791,789,1,0,0,0,791,792,1,0,0,0,792,795,1,0,0,0,793,
        791,1,0,0,0,794,796,5,66,0,0,795,794,1,0,0,0,795,796,1,0,0,0,796,
        125,1,0,0,0,797,802,3,114,57,0,798,799,5,66,0,0,799,801,3,114,57,
        0,800,798,1,0,0,0,801,804,1,0,0,0,802,800,1,0,0,0,802,803,1,0,0,
        0,803,806,1,0,0,0,804,802,1,0,0,0,805,807,5,66,0,0,806,805,1,0,0,
        0,806,807,1,0,0,0,807,127,1,0,0,0,808,813,3,76,38,0,809,810,5,66,
        0,0,810,812,3,76,38,0,811,809,1,0,0,0,812,815,1,0,0,0,813,811,1,
        0,0,0,813,814,1,0,0,0,814,817,1,0,0,0,815,813,1,0,0,0,816,818,5,
        66,0,0,817,816,1,0,0,0,817,818,1,0,0,0,818,129,1,0,0,0,819,824,5,
        94,0,0,820,821,5,66,0,0,821,823,5,94,0,0,822,820,1,0,0,0,823,826,
        1,0,0,0,824,822,1,0,0,0,824,825,1,0,0,0,825,828,1,0,0,0,826,824,
        1,0,0,0,827,829,5,66,0,0,828,827,1,0,0,0,828,829,1,0,0,0,829,131,
        1,0,0,0,830,835,3,116,58,0,831,832,5,66,0,0,832,834,3,116,58,0,833,
        831,1,0,0,0,834,837,1,0,0,0,835,833,1,0,0,0,835,836,1,0,0,0,836,
        839,1,0,0,0,837,835,1,0,0,0,838,840,5,66,0,0,839,838,1,0,0,0,839,
        840,1,0,0,0,840,133,1,0,0,0,841,846,3,118,59,0,842,843,5,66,0,0,
        843,845,3,118,59,0,844,842,1,0,0,0,845,848,1,0,0,0,846,844,1,0,0,
        0,846,847,1,0,0,0,847,850,1,0,0,0,848,846,1,0,0,0,849,851,5,66,0,
        0,850,849,1,0,0,0,850,851,1,0,0,0,851,135,1,0,0,0,101,137,142,155,
        188,190,194,200,210,239,250,256,274,285,289,295,302,308,315,321,
        324,327,335,341,344,347,350,353,357,361,377,382,396,404,416,420,
        428,432,440,443,453,463,471,474,478,482,495,509,513,550,552,560,
        567,575,578,583,587,591,599,603,610,615,619,623,625,633,638,642,
        646,648,656,673,675,681,685,689,693,697,707,709,713,731,743,749,
        755,757,768,773,780,784,791,795,802,806,813,817,824,828,835,839,
        846,850
    ];

    private static __ATN: antlr.ATN;
    public static get _ATN(): antlr.ATN {
        if (!qasm3Parser.__ATN) {
            qasm3Parser.__ATN = new antlr.ATNDeserializer().deserialize(qasm3Parser._serializedATN);
        }

        return qasm3Parser.__ATN;
    }


    private static readonly vocabulary = new antlr.Vocabulary(qasm3Parser.literalNames, qasm3Parser.symbolicNames, []);

    public override get vocabulary(): antlr.Vocabulary {
        return qasm3Parser.vocabulary;
    }

    private static readonly decisionsToDFA = qasm3Parser._ATN.decisionToState.map( (ds: antlr.DecisionState, index: number) => new antlr.DFA(ds, index) );
}

export class ProgramContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public EOF(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.EOF, 0)!;
    }
    public version(): VersionContext | null {
        return this.getRuleContext(0, VersionContext);
    }
    public statementOrScope(): StatementOrScopeContext[];
    public statementOrScope(i: number): StatementOrScopeContext | null;
    public statementOrScope(i?: number): StatementOrScopeContext[] | StatementOrScopeContext | null {
        if (i === undefined) {
            return this.getRuleContexts(StatementOrScopeContext);
        }

        return this.getRuleContext(i, StatementOrScopeContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_program;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitProgram) {
            return visitor.visitProgram(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class VersionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public OPENQASM(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.OPENQASM, 0)!;
    }
    public VersionSpecifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.VersionSpecifier, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_version;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitVersion) {
            return visitor.visitVersion(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class StatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public pragma(): PragmaContext | null {
        return this.getRuleContext(0, PragmaContext);
    }
    public aliasDeclarationStatement(): AliasDeclarationStatementContext | null {
        return this.getRuleContext(0, AliasDeclarationStatementContext);
    }
    public assignmentStatement(): AssignmentStatementContext | null {
        return this.getRuleContext(0, AssignmentStatementContext);
    }
    public barrierStatement(): BarrierStatementContext | null {
        return this.getRuleContext(0, BarrierStatementContext);
    }
    public boxStatement(): BoxStatementContext | null {
        return this.getRuleContext(0, BoxStatementContext);
    }
    public breakStatement(): BreakStatementContext | null {
        return this.getRuleContext(0, BreakStatementContext);
    }
    public calStatement(): CalStatementContext | null {
        return this.getRuleContext(0, CalStatementContext);
    }
    public calibrationGrammarStatement(): CalibrationGrammarStatementContext | null {
        return this.getRuleContext(0, CalibrationGrammarStatementContext);
    }
    public classicalDeclarationStatement(): ClassicalDeclarationStatementContext | null {
        return this.getRuleContext(0, ClassicalDeclarationStatementContext);
    }
    public constDeclarationStatement(): ConstDeclarationStatementContext | null {
        return this.getRuleContext(0, ConstDeclarationStatementContext);
    }
    public continueStatement(): ContinueStatementContext | null {
        return this.getRuleContext(0, ContinueStatementContext);
    }
    public defStatement(): DefStatementContext | null {
        return this.getRuleContext(0, DefStatementContext);
    }
    public defcalStatement(): DefcalStatementContext | null {
        return this.getRuleContext(0, DefcalStatementContext);
    }
    public delayStatement(): DelayStatementContext | null {
        return this.getRuleContext(0, DelayStatementContext);
    }
    public endStatement(): EndStatementContext | null {
        return this.getRuleContext(0, EndStatementContext);
    }
    public expressionStatement(): ExpressionStatementContext | null {
        return this.getRuleContext(0, ExpressionStatementContext);
    }
    public externStatement(): ExternStatementContext | null {
        return this.getRuleContext(0, ExternStatementContext);
    }
    public forStatement(): ForStatementContext | null {
        return this.getRuleContext(0, ForStatementContext);
    }
    public gateCallStatement(): GateCallStatementContext | null {
        return this.getRuleContext(0, GateCallStatementContext);
    }
    public gateStatement(): GateStatementContext | null {
        return this.getRuleContext(0, GateStatementContext);
    }
    public ifStatement(): IfStatementContext | null {
        return this.getRuleContext(0, IfStatementContext);
    }
    public includeStatement(): IncludeStatementContext | null {
        return this.getRuleContext(0, IncludeStatementContext);
    }
    public ioDeclarationStatement(): IoDeclarationStatementContext | null {
        return this.getRuleContext(0, IoDeclarationStatementContext);
    }
    public measureArrowAssignmentStatement(): MeasureArrowAssignmentStatementContext | null {
        return this.getRuleContext(0, MeasureArrowAssignmentStatementContext);
    }
    public nopStatement(): NopStatementContext | null {
        return this.getRuleContext(0, NopStatementContext);
    }
    public oldStyleDeclarationStatement(): OldStyleDeclarationStatementContext | null {
        return this.getRuleContext(0, OldStyleDeclarationStatementContext);
    }
    public quantumDeclarationStatement(): QuantumDeclarationStatementContext | null {
        return this.getRuleContext(0, QuantumDeclarationStatementContext);
    }
    public resetStatement(): ResetStatementContext | null {
        return this.getRuleContext(0, ResetStatementContext);
    }
    public returnStatement(): ReturnStatementContext | null {
        return this.getRuleContext(0, ReturnStatementContext);
    }
    public switchStatement(): SwitchStatementContext | null {
        return this.getRuleContext(0, SwitchStatementContext);
    }
    public whileStatement(): WhileStatementContext | null {
        return this.getRuleContext(0, WhileStatementContext);
    }
    public annotation(): AnnotationContext[];
    public annotation(i: number): AnnotationContext | null;
    public annotation(i?: number): AnnotationContext[] | AnnotationContext | null {
        if (i === undefined) {
            return this.getRuleContexts(AnnotationContext);
        }

        return this.getRuleContext(i, AnnotationContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_statement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitStatement) {
            return visitor.visitStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class AnnotationContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public AnnotationKeyword(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.AnnotationKeyword, 0)!;
    }
    public RemainingLineContent(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RemainingLineContent, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_annotation;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitAnnotation) {
            return visitor.visitAnnotation(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ScopeContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public LBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACE, 0)!;
    }
    public RBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACE, 0)!;
    }
    public statementOrScope(): StatementOrScopeContext[];
    public statementOrScope(i: number): StatementOrScopeContext | null;
    public statementOrScope(i?: number): StatementOrScopeContext[] | StatementOrScopeContext | null {
        if (i === undefined) {
            return this.getRuleContexts(StatementOrScopeContext);
        }

        return this.getRuleContext(i, StatementOrScopeContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_scope;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitScope) {
            return visitor.visitScope(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class PragmaContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public PRAGMA(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.PRAGMA, 0)!;
    }
    public RemainingLineContent(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RemainingLineContent, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_pragma;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitPragma) {
            return visitor.visitPragma(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class StatementOrScopeContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public statement(): StatementContext | null {
        return this.getRuleContext(0, StatementContext);
    }
    public scope(): ScopeContext | null {
        return this.getRuleContext(0, ScopeContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_statementOrScope;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitStatementOrScope) {
            return visitor.visitStatementOrScope(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class CalibrationGrammarStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public DEFCALGRAMMAR(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DEFCALGRAMMAR, 0)!;
    }
    public StringLiteral(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.StringLiteral, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_calibrationGrammarStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitCalibrationGrammarStatement) {
            return visitor.visitCalibrationGrammarStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class IncludeStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public INCLUDE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.INCLUDE, 0)!;
    }
    public StringLiteral(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.StringLiteral, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_includeStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIncludeStatement) {
            return visitor.visitIncludeStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class BreakStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public BREAK(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.BREAK, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_breakStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBreakStatement) {
            return visitor.visitBreakStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ContinueStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public CONTINUE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.CONTINUE, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_continueStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitContinueStatement) {
            return visitor.visitContinueStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class EndStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public END(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.END, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_endStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitEndStatement) {
            return visitor.visitEndStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ForStatementContext extends antlr.ParserRuleContext {
    public _body?: StatementOrScopeContext;
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public FOR(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.FOR, 0)!;
    }
    public scalarType(): ScalarTypeContext {
        return this.getRuleContext(0, ScalarTypeContext)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public IN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.IN, 0)!;
    }
    public statementOrScope(): StatementOrScopeContext {
        return this.getRuleContext(0, StatementOrScopeContext)!;
    }
    public setExpression(): SetExpressionContext | null {
        return this.getRuleContext(0, SetExpressionContext);
    }
    public LBRACKET(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LBRACKET, 0);
    }
    public rangeExpression(): RangeExpressionContext | null {
        return this.getRuleContext(0, RangeExpressionContext);
    }
    public RBRACKET(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RBRACKET, 0);
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_forStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitForStatement) {
            return visitor.visitForStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class IfStatementContext extends antlr.ParserRuleContext {
    public _if_body?: StatementOrScopeContext;
    public _else_body?: StatementOrScopeContext;
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public IF(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.IF, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public statementOrScope(): StatementOrScopeContext[];
    public statementOrScope(i: number): StatementOrScopeContext | null;
    public statementOrScope(i?: number): StatementOrScopeContext[] | StatementOrScopeContext | null {
        if (i === undefined) {
            return this.getRuleContexts(StatementOrScopeContext);
        }

        return this.getRuleContext(i, StatementOrScopeContext);
    }
    public ELSE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.ELSE, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_ifStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIfStatement) {
            return visitor.visitIfStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ReturnStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public RETURN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RETURN, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public measureExpression(): MeasureExpressionContext | null {
        return this.getRuleContext(0, MeasureExpressionContext);
    }
    public quantumCallExpression(): QuantumCallExpressionContext | null {
        return this.getRuleContext(0, QuantumCallExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_returnStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitReturnStatement) {
            return visitor.visitReturnStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class WhileStatementContext extends antlr.ParserRuleContext {
    public _body?: StatementOrScopeContext;
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public WHILE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.WHILE, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public statementOrScope(): StatementOrScopeContext {
        return this.getRuleContext(0, StatementOrScopeContext)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_whileStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitWhileStatement) {
            return visitor.visitWhileStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class SwitchStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public SWITCH(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SWITCH, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public LBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACE, 0)!;
    }
    public RBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACE, 0)!;
    }
    public switchCaseItem(): SwitchCaseItemContext[];
    public switchCaseItem(i: number): SwitchCaseItemContext | null;
    public switchCaseItem(i?: number): SwitchCaseItemContext[] | SwitchCaseItemContext | null {
        if (i === undefined) {
            return this.getRuleContexts(SwitchCaseItemContext);
        }

        return this.getRuleContext(i, SwitchCaseItemContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_switchStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitSwitchStatement) {
            return visitor.visitSwitchStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class SwitchCaseItemContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public CASE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CASE, 0);
    }
    public expressionList(): ExpressionListContext | null {
        return this.getRuleContext(0, ExpressionListContext);
    }
    public scope(): ScopeContext {
        return this.getRuleContext(0, ScopeContext)!;
    }
    public DEFAULT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.DEFAULT, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_switchCaseItem;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitSwitchCaseItem) {
            return visitor.visitSwitchCaseItem(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class BarrierStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public BARRIER(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.BARRIER, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public gateOperandList(): GateOperandListContext | null {
        return this.getRuleContext(0, GateOperandListContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_barrierStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBarrierStatement) {
            return visitor.visitBarrierStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class BoxStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public BOX(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.BOX, 0)!;
    }
    public scope(): ScopeContext {
        return this.getRuleContext(0, ScopeContext)!;
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_boxStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBoxStatement) {
            return visitor.visitBoxStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DelayStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public DELAY(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DELAY, 0)!;
    }
    public designator(): DesignatorContext {
        return this.getRuleContext(0, DesignatorContext)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public gateOperandList(): GateOperandListContext | null {
        return this.getRuleContext(0, GateOperandListContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_delayStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDelayStatement) {
            return visitor.visitDelayStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class NopStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public NOP(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.NOP, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public gateOperandList(): GateOperandListContext | null {
        return this.getRuleContext(0, GateOperandListContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_nopStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitNopStatement) {
            return visitor.visitNopStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class GateCallStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.Identifier, 0);
    }
    public gateOperandList(): GateOperandListContext | null {
        return this.getRuleContext(0, GateOperandListContext);
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public gateModifier(): GateModifierContext[];
    public gateModifier(i: number): GateModifierContext | null;
    public gateModifier(i?: number): GateModifierContext[] | GateModifierContext | null {
        if (i === undefined) {
            return this.getRuleContexts(GateModifierContext);
        }

        return this.getRuleContext(i, GateModifierContext);
    }
    public LPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LPAREN, 0);
    }
    public RPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RPAREN, 0);
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public expressionList(): ExpressionListContext | null {
        return this.getRuleContext(0, ExpressionListContext);
    }
    public GPHASE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.GPHASE, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_gateCallStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitGateCallStatement) {
            return visitor.visitGateCallStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class MeasureArrowAssignmentStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public measureExpression(): MeasureExpressionContext | null {
        return this.getRuleContext(0, MeasureExpressionContext);
    }
    public quantumCallExpression(): QuantumCallExpressionContext | null {
        return this.getRuleContext(0, QuantumCallExpressionContext);
    }
    public ARROW(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.ARROW, 0);
    }
    public indexedIdentifier(): IndexedIdentifierContext | null {
        return this.getRuleContext(0, IndexedIdentifierContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_measureArrowAssignmentStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitMeasureArrowAssignmentStatement) {
            return visitor.visitMeasureArrowAssignmentStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ResetStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public RESET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RESET, 0)!;
    }
    public gateOperand(): GateOperandContext {
        return this.getRuleContext(0, GateOperandContext)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_resetStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitResetStatement) {
            return visitor.visitResetStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class AliasDeclarationStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public LET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LET, 0)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public EQUALS(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.EQUALS, 0)!;
    }
    public aliasExpression(): AliasExpressionContext {
        return this.getRuleContext(0, AliasExpressionContext)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_aliasDeclarationStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitAliasDeclarationStatement) {
            return visitor.visitAliasDeclarationStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ClassicalDeclarationStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public scalarType(): ScalarTypeContext | null {
        return this.getRuleContext(0, ScalarTypeContext);
    }
    public arrayType(): ArrayTypeContext | null {
        return this.getRuleContext(0, ArrayTypeContext);
    }
    public EQUALS(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.EQUALS, 0);
    }
    public declarationExpression(): DeclarationExpressionContext | null {
        return this.getRuleContext(0, DeclarationExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_classicalDeclarationStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitClassicalDeclarationStatement) {
            return visitor.visitClassicalDeclarationStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ConstDeclarationStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public CONST(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.CONST, 0)!;
    }
    public scalarType(): ScalarTypeContext {
        return this.getRuleContext(0, ScalarTypeContext)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public EQUALS(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.EQUALS, 0)!;
    }
    public declarationExpression(): DeclarationExpressionContext {
        return this.getRuleContext(0, DeclarationExpressionContext)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_constDeclarationStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitConstDeclarationStatement) {
            return visitor.visitConstDeclarationStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class IoDeclarationStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public INPUT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.INPUT, 0);
    }
    public OUTPUT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.OUTPUT, 0);
    }
    public scalarType(): ScalarTypeContext | null {
        return this.getRuleContext(0, ScalarTypeContext);
    }
    public arrayType(): ArrayTypeContext | null {
        return this.getRuleContext(0, ArrayTypeContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_ioDeclarationStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIoDeclarationStatement) {
            return visitor.visitIoDeclarationStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class OldStyleDeclarationStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public CREG(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CREG, 0);
    }
    public QREG(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.QREG, 0);
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_oldStyleDeclarationStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitOldStyleDeclarationStatement) {
            return visitor.visitOldStyleDeclarationStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class QuantumDeclarationStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public qubitType(): QubitTypeContext {
        return this.getRuleContext(0, QubitTypeContext)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_quantumDeclarationStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitQuantumDeclarationStatement) {
            return visitor.visitQuantumDeclarationStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public DEF(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DEF, 0)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public scope(): ScopeContext {
        return this.getRuleContext(0, ScopeContext)!;
    }
    public argumentDefinitionList(): ArgumentDefinitionListContext | null {
        return this.getRuleContext(0, ArgumentDefinitionListContext);
    }
    public returnSignature(): ReturnSignatureContext | null {
        return this.getRuleContext(0, ReturnSignatureContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefStatement) {
            return visitor.visitDefStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ExternStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public EXTERN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.EXTERN, 0)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public externArgumentList(): ExternArgumentListContext | null {
        return this.getRuleContext(0, ExternArgumentListContext);
    }
    public returnSignature(): ReturnSignatureContext | null {
        return this.getRuleContext(0, ReturnSignatureContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_externStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitExternStatement) {
            return visitor.visitExternStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class GateStatementContext extends antlr.ParserRuleContext {
    public _params?: IdentifierListContext;
    public _qubits?: IdentifierListContext;
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public GATE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.GATE, 0)!;
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public scope(): ScopeContext {
        return this.getRuleContext(0, ScopeContext)!;
    }
    public identifierList(): IdentifierListContext[];
    public identifierList(i: number): IdentifierListContext | null;
    public identifierList(i?: number): IdentifierListContext[] | IdentifierListContext | null {
        if (i === undefined) {
            return this.getRuleContexts(IdentifierListContext);
        }

        return this.getRuleContext(i, IdentifierListContext);
    }
    public LPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LPAREN, 0);
    }
    public RPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RPAREN, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_gateStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitGateStatement) {
            return visitor.visitGateStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class AssignmentStatementContext extends antlr.ParserRuleContext {
    public _op?: Token | null;
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public indexedIdentifier(): IndexedIdentifierContext {
        return this.getRuleContext(0, IndexedIdentifierContext)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public EQUALS(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.EQUALS, 0);
    }
    public CompoundAssignmentOperator(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CompoundAssignmentOperator, 0);
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public measureExpression(): MeasureExpressionContext | null {
        return this.getRuleContext(0, MeasureExpressionContext);
    }
    public quantumCallExpression(): QuantumCallExpressionContext | null {
        return this.getRuleContext(0, QuantumCallExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_assignmentStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitAssignmentStatement) {
            return visitor.visitAssignmentStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ExpressionStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public SEMICOLON(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.SEMICOLON, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_expressionStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitExpressionStatement) {
            return visitor.visitExpressionStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class CalStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public CAL(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.CAL, 0)!;
    }
    public LBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACE, 0)!;
    }
    public RBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACE, 0)!;
    }
    public CalibrationBlock(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CalibrationBlock, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_calStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitCalStatement) {
            return visitor.visitCalStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefcalStatementContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public DEFCAL(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DEFCAL, 0)!;
    }
    public defcalTarget(): DefcalTargetContext {
        return this.getRuleContext(0, DefcalTargetContext)!;
    }
    public defcalOperandList(): DefcalOperandListContext {
        return this.getRuleContext(0, DefcalOperandListContext)!;
    }
    public LBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACE, 0)!;
    }
    public RBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACE, 0)!;
    }
    public LPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LPAREN, 0);
    }
    public RPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RPAREN, 0);
    }
    public returnSignature(): ReturnSignatureContext | null {
        return this.getRuleContext(0, ReturnSignatureContext);
    }
    public CalibrationBlock(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CalibrationBlock, 0);
    }
    public defcalArgumentDefinitionList(): DefcalArgumentDefinitionListContext | null {
        return this.getRuleContext(0, DefcalArgumentDefinitionListContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defcalStatement;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefcalStatement) {
            return visitor.visitDefcalStatement(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_expression;
    }
    public override copyFrom(ctx: ExpressionContext): void {
        super.copyFrom(ctx);
    }
}
export class ParenthesisExpressionContext extends ExpressionContext {
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitParenthesisExpression) {
            return visitor.visitParenthesisExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class UnaryExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public TILDE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.TILDE, 0);
    }
    public EXCLAMATION_POINT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.EXCLAMATION_POINT, 0);
    }
    public MINUS(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.MINUS, 0);
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitUnaryExpression) {
            return visitor.visitUnaryExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class CastExpressionContext extends ExpressionContext {
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public scalarType(): ScalarTypeContext | null {
        return this.getRuleContext(0, ScalarTypeContext);
    }
    public arrayType(): ArrayTypeContext | null {
        return this.getRuleContext(0, ArrayTypeContext);
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitCastExpression) {
            return visitor.visitCastExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class DurationofExpressionContext extends ExpressionContext {
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public DURATIONOF(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DURATIONOF, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public scope(): ScopeContext {
        return this.getRuleContext(0, ScopeContext)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDurationofExpression) {
            return visitor.visitDurationofExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class CallExpressionContext extends ExpressionContext {
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public LPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LPAREN, 0)!;
    }
    public RPAREN(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RPAREN, 0)!;
    }
    public expressionList(): ExpressionListContext | null {
        return this.getRuleContext(0, ExpressionListContext);
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitCallExpression) {
            return visitor.visitCallExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class LiteralExpressionContext extends ExpressionContext {
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public Identifier(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.Identifier, 0);
    }
    public BinaryIntegerLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.BinaryIntegerLiteral, 0);
    }
    public OctalIntegerLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.OctalIntegerLiteral, 0);
    }
    public DecimalIntegerLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.DecimalIntegerLiteral, 0);
    }
    public HexIntegerLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.HexIntegerLiteral, 0);
    }
    public FloatLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.FloatLiteral, 0);
    }
    public ImaginaryLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.ImaginaryLiteral, 0);
    }
    public BooleanLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.BooleanLiteral, 0);
    }
    public BitstringLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.BitstringLiteral, 0);
    }
    public TimingLiteral(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.TimingLiteral, 0);
    }
    public HardwareQubit(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.HardwareQubit, 0);
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitLiteralExpression) {
            return visitor.visitLiteralExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class PowerExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public DOUBLE_ASTERISK(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DOUBLE_ASTERISK, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitPowerExpression) {
            return visitor.visitPowerExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class MultiplicativeExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public ASTERISK(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.ASTERISK, 0);
    }
    public SLASH(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.SLASH, 0);
    }
    public PERCENT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.PERCENT, 0);
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitMultiplicativeExpression) {
            return visitor.visitMultiplicativeExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class AdditiveExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public PLUS(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.PLUS, 0);
    }
    public MINUS(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.MINUS, 0);
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitAdditiveExpression) {
            return visitor.visitAdditiveExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class BitshiftExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public BitshiftOperator(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.BitshiftOperator, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBitshiftExpression) {
            return visitor.visitBitshiftExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class ComparisonExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public ComparisonOperator(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.ComparisonOperator, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitComparisonExpression) {
            return visitor.visitComparisonExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class EqualityExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public EqualityOperator(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.EqualityOperator, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitEqualityExpression) {
            return visitor.visitEqualityExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class BitwiseAndExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public AMPERSAND(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.AMPERSAND, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBitwiseAndExpression) {
            return visitor.visitBitwiseAndExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class BitwiseXorExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public CARET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.CARET, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBitwiseXorExpression) {
            return visitor.visitBitwiseXorExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class BitwiseOrExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public PIPE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.PIPE, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitBitwiseOrExpression) {
            return visitor.visitBitwiseOrExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class LogicalAndExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public DOUBLE_AMPERSAND(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DOUBLE_AMPERSAND, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitLogicalAndExpression) {
            return visitor.visitLogicalAndExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class LogicalOrExpressionContext extends ExpressionContext {
    public _op?: Token | null;
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public DOUBLE_PIPE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.DOUBLE_PIPE, 0)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitLogicalOrExpression) {
            return visitor.visitLogicalOrExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
export class IndexExpressionContext extends ExpressionContext {
    public constructor(ctx: ExpressionContext) {
        super(ctx.parent, ctx.invokingState);
        super.copyFrom(ctx);
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public indexOperator(): IndexOperatorContext {
        return this.getRuleContext(0, IndexOperatorContext)!;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIndexExpression) {
            return visitor.visitIndexExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class AliasExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public DOUBLE_PLUS(): antlr.TerminalNode[];
    public DOUBLE_PLUS(i: number): antlr.TerminalNode | null;
    public DOUBLE_PLUS(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.DOUBLE_PLUS);
    	} else {
    		return this.getToken(qasm3Parser.DOUBLE_PLUS, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_aliasExpression;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitAliasExpression) {
            return visitor.visitAliasExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DeclarationExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public arrayLiteral(): ArrayLiteralContext | null {
        return this.getRuleContext(0, ArrayLiteralContext);
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public measureExpression(): MeasureExpressionContext | null {
        return this.getRuleContext(0, MeasureExpressionContext);
    }
    public quantumCallExpression(): QuantumCallExpressionContext | null {
        return this.getRuleContext(0, QuantumCallExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_declarationExpression;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDeclarationExpression) {
            return visitor.visitDeclarationExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class MeasureExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public MEASURE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.MEASURE, 0)!;
    }
    public gateOperand(): GateOperandContext {
        return this.getRuleContext(0, GateOperandContext)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_measureExpression;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitMeasureExpression) {
            return visitor.visitMeasureExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class QuantumCallExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public gateOperandList(): GateOperandListContext {
        return this.getRuleContext(0, GateOperandListContext)!;
    }
    public LPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LPAREN, 0);
    }
    public RPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RPAREN, 0);
    }
    public expressionList(): ExpressionListContext | null {
        return this.getRuleContext(0, ExpressionListContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_quantumCallExpression;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitQuantumCallExpression) {
            return visitor.visitQuantumCallExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class RangeExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public COLON(): antlr.TerminalNode[];
    public COLON(i: number): antlr.TerminalNode | null;
    public COLON(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COLON);
    	} else {
    		return this.getToken(qasm3Parser.COLON, i);
    	}
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_rangeExpression;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitRangeExpression) {
            return visitor.visitRangeExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class SetExpressionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public LBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACE, 0)!;
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public RBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACE, 0)!;
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_setExpression;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitSetExpression) {
            return visitor.visitSetExpression(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ArrayLiteralContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public LBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACE, 0)!;
    }
    public RBRACE(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACE, 0)!;
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public arrayLiteral(): ArrayLiteralContext[];
    public arrayLiteral(i: number): ArrayLiteralContext | null;
    public arrayLiteral(i?: number): ArrayLiteralContext[] | ArrayLiteralContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ArrayLiteralContext);
        }

        return this.getRuleContext(i, ArrayLiteralContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_arrayLiteral;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitArrayLiteral) {
            return visitor.visitArrayLiteral(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class IndexOperatorContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public LBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACKET, 0)!;
    }
    public RBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACKET, 0)!;
    }
    public setExpression(): SetExpressionContext | null {
        return this.getRuleContext(0, SetExpressionContext);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public rangeExpression(): RangeExpressionContext[];
    public rangeExpression(i: number): RangeExpressionContext | null;
    public rangeExpression(i?: number): RangeExpressionContext[] | RangeExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(RangeExpressionContext);
        }

        return this.getRuleContext(i, RangeExpressionContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_indexOperator;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIndexOperator) {
            return visitor.visitIndexOperator(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class IndexedIdentifierContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public indexOperator(): IndexOperatorContext[];
    public indexOperator(i: number): IndexOperatorContext | null;
    public indexOperator(i?: number): IndexOperatorContext[] | IndexOperatorContext | null {
        if (i === undefined) {
            return this.getRuleContexts(IndexOperatorContext);
        }

        return this.getRuleContext(i, IndexOperatorContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_indexedIdentifier;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIndexedIdentifier) {
            return visitor.visitIndexedIdentifier(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ReturnSignatureContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public ARROW(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.ARROW, 0)!;
    }
    public scalarType(): ScalarTypeContext {
        return this.getRuleContext(0, ScalarTypeContext)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_returnSignature;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitReturnSignature) {
            return visitor.visitReturnSignature(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class GateModifierContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public AT(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.AT, 0)!;
    }
    public INV(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.INV, 0);
    }
    public POW(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.POW, 0);
    }
    public LPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LPAREN, 0);
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public RPAREN(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RPAREN, 0);
    }
    public CTRL(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CTRL, 0);
    }
    public NEGCTRL(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.NEGCTRL, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_gateModifier;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitGateModifier) {
            return visitor.visitGateModifier(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ScalarTypeContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public BIT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.BIT, 0);
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public INT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.INT, 0);
    }
    public UINT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.UINT, 0);
    }
    public FLOAT(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.FLOAT, 0);
    }
    public ANGLE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.ANGLE, 0);
    }
    public BOOL(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.BOOL, 0);
    }
    public DURATION(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.DURATION, 0);
    }
    public STRETCH(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.STRETCH, 0);
    }
    public COMPLEX(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.COMPLEX, 0);
    }
    public LBRACKET(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.LBRACKET, 0);
    }
    public scalarType(): ScalarTypeContext | null {
        return this.getRuleContext(0, ScalarTypeContext);
    }
    public RBRACKET(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RBRACKET, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_scalarType;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitScalarType) {
            return visitor.visitScalarType(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class QubitTypeContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public QUBIT(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.QUBIT, 0)!;
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_qubitType;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitQubitType) {
            return visitor.visitQubitType(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ArrayTypeContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public ARRAY(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.ARRAY, 0)!;
    }
    public LBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACKET, 0)!;
    }
    public scalarType(): ScalarTypeContext {
        return this.getRuleContext(0, ScalarTypeContext)!;
    }
    public COMMA(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.COMMA, 0)!;
    }
    public expressionList(): ExpressionListContext {
        return this.getRuleContext(0, ExpressionListContext)!;
    }
    public RBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACKET, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_arrayType;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitArrayType) {
            return visitor.visitArrayType(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ArrayReferenceTypeContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public ARRAY(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.ARRAY, 0)!;
    }
    public LBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACKET, 0)!;
    }
    public scalarType(): ScalarTypeContext {
        return this.getRuleContext(0, ScalarTypeContext)!;
    }
    public COMMA(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.COMMA, 0)!;
    }
    public RBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACKET, 0)!;
    }
    public READONLY(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.READONLY, 0);
    }
    public MUTABLE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.MUTABLE, 0);
    }
    public expressionList(): ExpressionListContext | null {
        return this.getRuleContext(0, ExpressionListContext);
    }
    public DIM(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.DIM, 0);
    }
    public EQUALS(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.EQUALS, 0);
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_arrayReferenceType;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitArrayReferenceType) {
            return visitor.visitArrayReferenceType(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DesignatorContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public LBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.LBRACKET, 0)!;
    }
    public expression(): ExpressionContext {
        return this.getRuleContext(0, ExpressionContext)!;
    }
    public RBRACKET(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.RBRACKET, 0)!;
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_designator;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDesignator) {
            return visitor.visitDesignator(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefcalTargetContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public MEASURE(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.MEASURE, 0);
    }
    public RESET(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.RESET, 0);
    }
    public DELAY(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.DELAY, 0);
    }
    public Identifier(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.Identifier, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defcalTarget;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefcalTarget) {
            return visitor.visitDefcalTarget(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefcalArgumentDefinitionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public expression(): ExpressionContext | null {
        return this.getRuleContext(0, ExpressionContext);
    }
    public argumentDefinition(): ArgumentDefinitionContext | null {
        return this.getRuleContext(0, ArgumentDefinitionContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defcalArgumentDefinition;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefcalArgumentDefinition) {
            return visitor.visitDefcalArgumentDefinition(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefcalOperandContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public HardwareQubit(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.HardwareQubit, 0);
    }
    public Identifier(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.Identifier, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defcalOperand;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefcalOperand) {
            return visitor.visitDefcalOperand(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class GateOperandContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public indexedIdentifier(): IndexedIdentifierContext | null {
        return this.getRuleContext(0, IndexedIdentifierContext);
    }
    public HardwareQubit(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.HardwareQubit, 0);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_gateOperand;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitGateOperand) {
            return visitor.visitGateOperand(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ExternArgumentContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public scalarType(): ScalarTypeContext | null {
        return this.getRuleContext(0, ScalarTypeContext);
    }
    public arrayReferenceType(): ArrayReferenceTypeContext | null {
        return this.getRuleContext(0, ArrayReferenceTypeContext);
    }
    public CREG(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CREG, 0);
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_externArgument;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitExternArgument) {
            return visitor.visitExternArgument(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ArgumentDefinitionContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public scalarType(): ScalarTypeContext | null {
        return this.getRuleContext(0, ScalarTypeContext);
    }
    public Identifier(): antlr.TerminalNode {
        return this.getToken(qasm3Parser.Identifier, 0)!;
    }
    public qubitType(): QubitTypeContext | null {
        return this.getRuleContext(0, QubitTypeContext);
    }
    public CREG(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.CREG, 0);
    }
    public QREG(): antlr.TerminalNode | null {
        return this.getToken(qasm3Parser.QREG, 0);
    }
    public designator(): DesignatorContext | null {
        return this.getRuleContext(0, DesignatorContext);
    }
    public arrayReferenceType(): ArrayReferenceTypeContext | null {
        return this.getRuleContext(0, ArrayReferenceTypeContext);
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_argumentDefinition;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitArgumentDefinition) {
            return visitor.visitArgumentDefinition(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ArgumentDefinitionListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public argumentDefinition(): ArgumentDefinitionContext[];
    public argumentDefinition(i: number): ArgumentDefinitionContext | null;
    public argumentDefinition(i?: number): ArgumentDefinitionContext[] | ArgumentDefinitionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ArgumentDefinitionContext);
        }

        return this.getRuleContext(i, ArgumentDefinitionContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_argumentDefinitionList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitArgumentDefinitionList) {
            return visitor.visitArgumentDefinitionList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefcalArgumentDefinitionListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public defcalArgumentDefinition(): DefcalArgumentDefinitionContext[];
    public defcalArgumentDefinition(i: number): DefcalArgumentDefinitionContext | null;
    public defcalArgumentDefinition(i?: number): DefcalArgumentDefinitionContext[] | DefcalArgumentDefinitionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(DefcalArgumentDefinitionContext);
        }

        return this.getRuleContext(i, DefcalArgumentDefinitionContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defcalArgumentDefinitionList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefcalArgumentDefinitionList) {
            return visitor.visitDefcalArgumentDefinitionList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class DefcalOperandListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public defcalOperand(): DefcalOperandContext[];
    public defcalOperand(i: number): DefcalOperandContext | null;
    public defcalOperand(i?: number): DefcalOperandContext[] | DefcalOperandContext | null {
        if (i === undefined) {
            return this.getRuleContexts(DefcalOperandContext);
        }

        return this.getRuleContext(i, DefcalOperandContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_defcalOperandList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitDefcalOperandList) {
            return visitor.visitDefcalOperandList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ExpressionListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public expression(): ExpressionContext[];
    public expression(i: number): ExpressionContext | null;
    public expression(i?: number): ExpressionContext[] | ExpressionContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExpressionContext);
        }

        return this.getRuleContext(i, ExpressionContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_expressionList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitExpressionList) {
            return visitor.visitExpressionList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class IdentifierListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public Identifier(): antlr.TerminalNode[];
    public Identifier(i: number): antlr.TerminalNode | null;
    public Identifier(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.Identifier);
    	} else {
    		return this.getToken(qasm3Parser.Identifier, i);
    	}
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_identifierList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitIdentifierList) {
            return visitor.visitIdentifierList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class GateOperandListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public gateOperand(): GateOperandContext[];
    public gateOperand(i: number): GateOperandContext | null;
    public gateOperand(i?: number): GateOperandContext[] | GateOperandContext | null {
        if (i === undefined) {
            return this.getRuleContexts(GateOperandContext);
        }

        return this.getRuleContext(i, GateOperandContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_gateOperandList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitGateOperandList) {
            return visitor.visitGateOperandList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}


export class ExternArgumentListContext extends antlr.ParserRuleContext {
    public constructor(parent: antlr.ParserRuleContext | null, invokingState: number) {
        super(parent, invokingState);
    }
    public externArgument(): ExternArgumentContext[];
    public externArgument(i: number): ExternArgumentContext | null;
    public externArgument(i?: number): ExternArgumentContext[] | ExternArgumentContext | null {
        if (i === undefined) {
            return this.getRuleContexts(ExternArgumentContext);
        }

        return this.getRuleContext(i, ExternArgumentContext);
    }
    public COMMA(): antlr.TerminalNode[];
    public COMMA(i: number): antlr.TerminalNode | null;
    public COMMA(i?: number): antlr.TerminalNode | null | antlr.TerminalNode[] {
    	if (i === undefined) {
    		return this.getTokens(qasm3Parser.COMMA);
    	} else {
    		return this.getToken(qasm3Parser.COMMA, i);
    	}
    }
    public override get ruleIndex(): number {
        return qasm3Parser.RULE_externArgumentList;
    }
    public override accept<Result>(visitor: qasm3ParserVisitor<Result>): Result | null {
        if (visitor.visitExternArgumentList) {
            return visitor.visitExternArgumentList(this);
        } else {
            return visitor.visitChildren(this);
        }
    }
}
