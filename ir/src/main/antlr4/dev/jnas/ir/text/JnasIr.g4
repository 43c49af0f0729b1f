// The canonical text format of the jnas graph IR. IrPrinter writes it, IrParser reads it.
// One statement per node; a layer choice or repeat nests its candidate graphs in braces. An op is
// a name and its attributes keywords, so every op (primitive, choice point, placeholder) is one
// statement rule; IrParser checks the kind and its attributes.
grammar JnasIr;

file : graph EOF ;

// A lone literal, such as a sample's JSON: {"conv2": 1, "feature": 256}.
value : expr EOF ;

graph : 'graph' name '(' (param (',' param)*)? ')' '{' statement* 'return' name (',' name)* '}' ;

param : name (':' shape)? ;

shape : '[' (dim (',' dim)*)? ']' ;

dim : INT | name ;

statement : name '=' op=name '(' (argument (',' argument)*)? ')' candidates? ;

argument
    : name                       # positional
    | name '=' expr              # keyword
    ;

candidates : '{' candidate* '}' ;

candidate : candidateName '=' graph ;

candidateName : INT | name ;

expr
    : expr '[' expr ']'                                     # lookup
    | expr op=('*' | '/' | '//' | '%') expr                 # binary
    | expr op=('+' | '-') expr                              # binary
    | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr  # binary
    | literal                                               # literalExpr
    | '[' (expr (',' expr)*)? ']'                           # listExpr
    | '{' (entry (',' entry)*)? '}'                         # mapExpr
    | name '(' (expr (',' expr)*)? ')'                      # call
    | '(' expr ')'                                          # parens
    ;

entry : STRING ':' expr ;

literal
    : '-'? INT       # intLiteral
    | '-'? FLOAT     # floatLiteral
    | STRING         # stringLiteral
    | ('true' | 'false')  # boolLiteral
    ;

// 'graph' is a keyword only where a graph starts; anywhere else it is a plain name.
name : NAME | 'graph' ;

FLOAT : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
INT : DIGITS ;
NAME : [A-Za-z_] [A-Za-z0-9_]* ('.' [A-Za-z0-9_]+)* ;
STRING : '"' (~["\\\r\n] | '\\' (["\\nrt] | 'u' HEX HEX HEX HEX))* '"' ;
COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n]+ -> skip ;

fragment DIGITS : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment HEX : [0-9a-fA-F] ;
