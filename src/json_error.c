/* JSON syntax errors for people (issue 17.5): jansson says "string or '}' expected near
 * '}'"; a person wants "trailing comma before '}'", pointed at the comma. The classifier
 * reads jansson's error code and text and the bytes around its position, and names the
 * usual mistakes: trailing and missing commas, unterminated strings, the end of input,
 * invalid UTF-8, duplicate keys, control characters, single quotes, comments, NaN and
 * Infinity, leading zeros and other malformed numbers, unquoted keys, capitalised
 * literals, mismatched brackets, text after the value. Anything else keeps jansson's
 * words, prefixed so that the sentence still says what failed. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "document_private.h"

typedef struct jctx {
    const char *s;
    size_t n;
    const char *tok; /* the token jansson quotes after "near '", or NULL */
    size_t toklen;
    size_t tokpos;   /* offset of the token's first byte */
    char tokbuf[64]; /* the token, NUL-terminated (cut when long) */
    char *msg;
    size_t cap;
} jctx;

/* Offset of the last non-space byte before off, or (size_t)-1. */
static size_t prev_nonspace(const jctx *j, size_t off)
{
    while (off > 0) {
        char c = j->s[--off];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return off;
    }
    return (size_t)-1;
}

static size_t say(jctx *j, size_t off, const char *fmt, ...) MLMP_PRINTF(3, 4);
static size_t say(jctx *j, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->msg, j->cap, fmt, ap);
    va_end(ap);
    return off;
}

/* The quoted token of jansson's "... near 'TOKEN'" (NULL for "near end of file"). */
static void find_token(jctx *j, const char *text, size_t position)
{
    const char *near = strstr(text, "near '");
    j->tok = NULL;
    j->toklen = 0;
    j->tokpos = position <= j->n ? position : j->n;
    if (!near)
        return;
    const char *t = near + 6, *end = strrchr(t, '\'');
    if (!end || end < t)
        return;
    j->tok = t;
    j->toklen = (size_t)(end - t);
    size_t l = j->toklen < sizeof(j->tokbuf) - 1 ? j->toklen : sizeof(j->tokbuf) - 1;
    memcpy(j->tokbuf, t, l);
    j->tokbuf[l] = '\0';
    j->tokpos = position >= j->toklen ? position - j->toklen : 0;
}

static bool tok_is(const jctx *j, const char *w)
{
    return j->tok && j->toklen == strlen(w) && memcmp(j->tok, w, j->toklen) == 0;
}

static bool tok_starts(const jctx *j, char c) { return j->tok && j->toklen && j->tok[0] == c; }

/* A word jansson read as an invalid token: NaN, Infinity, True, None, tru... */
static size_t bad_word(jctx *j)
{
    char word[24];
    size_t l = j->toklen < sizeof(word) - 1 ? j->toklen : sizeof(word) - 1;
    memcpy(word, j->tok, l);
    word[l] = '\0';
    if (tok_is(j, "NaN") || tok_is(j, "Infinity") || tok_is(j, "-Infinity") || tok_is(j, "nan") ||
        tok_is(j, "inf"))
        return say(j, j->tokpos,
                   "%s is not a JSON number: JSON has no NaN or Infinity (write "
                   "null, or the value as a string)",
                   word);
    if (tok_is(j, "True") || tok_is(j, "False") || tok_is(j, "None") || tok_is(j, "TRUE") ||
        tok_is(j, "FALSE") || tok_is(j, "NULL") || tok_is(j, "Null"))
        return say(j, j->tokpos,
                   "unknown word %s: the JSON literals are true, false and null, "
                   "in lower case",
                   word);
    return say(j, j->tokpos,
               "unknown word %s: a JSON value is a string in double quotes, a "
               "number, an object, an array, true, false or null",
               word);
}

/* jansson's "invalid token": numbers and words. */
static size_t invalid_token(jctx *j)
{
    if (!j->tok || !j->toklen)
        return say(j, j->tokpos, "invalid token");
    char c = j->tok[0];
    size_t after = j->tokpos + j->toklen;
    if (tok_is(j, "0") || tok_is(j, "-0")) {
        if (after < j->n && j->s[after] >= '0' && j->s[after] <= '9')
            return say(j, j->tokpos,
                       "leading zeros are not allowed in JSON numbers (write 7, "
                       "not 07; a code with leading zeros is a string)");
    }
    if (c == '.')
        return say(j, j->tokpos, "a JSON number cannot start with '.': write 0.5, not .5");
    if (c == '+')
        return say(j, j->tokpos, "a JSON number cannot start with '+': write 1, not +1");
    if (c == '-' && j->toklen == 1 && j->n - after >= 8 && memcmp(j->s + after, "Infinity", 8) == 0)
        return say(j, j->tokpos,
                   "-Infinity is not a JSON number: JSON has no NaN or Infinity "
                   "(write null, or the value as a string)");
    if (c == '-' && j->toklen == 1)
        return say(j, j->tokpos, "'-' must be followed by digits in a JSON number");
    if ((c >= '0' && c <= '9') || c == '-') {
        char last = j->tok[j->toklen - 1];
        if (last == '.')
            return say(j, j->tokpos,
                       "a JSON number cannot end with '.': write 1.0 or 1, not "
                       "1.");
        if (last == 'e' || last == 'E' || last == '+' || last == '-')
            return say(j, j->tokpos, "the exponent of this JSON number has no digits");
        return say(j, j->tokpos, "malformed JSON number");
    }
    return bad_word(j);
}

/* "string or '}' expected": where an object wanted a key. */
static size_t key_expected(jctx *j)
{
    size_t prev = prev_nonspace(j, j->tokpos);
    char p = prev == (size_t)-1 ? 0 : j->s[prev];
    if (tok_is(j, "}") && p == ',')
        return say(j, prev,
                   "trailing comma before '}': JSON allows no comma after the last "
                   "member of an object");
    if (tok_is(j, ","))
        return say(j, j->tokpos, "%s",
                   p == ',' ? "two commas in a row: a member is missing between them, or one "
                              "comma is too many"
                            : "a comma right after '{': the object has no member before it");
    if (tok_starts(j, '\''))
        return say(j, j->tokpos,
                   "single quotes are not JSON: write keys and strings in double "
                   "quotes (\"name\", not 'name')");
    if (tok_starts(j, '/'))
        return say(j, j->tokpos, "comments are not JSON: remove the // or /* */ comment");
    if (j->tok && j->toklen && j->tok[0] != '"' && j->tok[0] != '{' && j->tok[0] != '[')
        return say(j, j->tokpos, "object keys must be strings in double quotes: write \"%s\"",
                   j->toklen < 40 ? j->tokbuf : "key");
    return say(j, j->tokpos, "an object member must start with a key in double quotes");
}

/* "'}' expected" or "']' expected": the container goes on where it should end. */
static size_t close_expected(jctx *j, char want)
{
    const char *what = want == '}' ? "members of an object" : "items of an array";
    if (!j->tok)
        return say(j, j->n, "unexpected end of input: %s is not closed (a '%c' is missing)",
                   want == '}' ? "an object" : "an array", want);
    if (tok_is(j, want == '}' ? "]" : "}"))
        return say(j, j->tokpos, "mismatched brackets: '%c' where the %s needs '%c'",
                   want == '}' ? ']' : '}', want == '}' ? "object" : "array", want);
    if (tok_starts(j, '/'))
        return say(j, j->tokpos, "comments are not JSON: remove the // or /* */ comment");
    if (tok_starts(j, '\''))
        return say(j, j->tokpos, "single quotes are not JSON: write strings in double quotes");
    /* a value or key follows a value: the comma between them is missing */
    size_t prev = prev_nonspace(j, j->tokpos);
    return say(j, prev == (size_t)-1 ? j->tokpos : prev + 1, "missing ',' between two %s", what);
}

/* The start of the string that contains offset off (its opening quote). */
static size_t string_start(const jctx *j, size_t off)
{
    return j->tok && tok_starts(j, '"') ? j->tokpos : off;
}

static size_t syntax(jctx *j, const char *text)
{
    if (strstr(text, "unexpected newline"))
        return say(j, string_start(j, j->tokpos),
                   "unterminated string: the line ends before "
                   "the closing '\"' (a string cannot span lines; write \\n for a line break)");
    if (strncmp(text, "control character", 17) == 0) {
        size_t off = j->tokpos;
        while (off < j->n && (unsigned char)j->s[off] >= 0x20)
            off++;
        char code[8];
        snprintf(code, sizeof(code), "%04X", off < j->n ? (unsigned char)j->s[off] : 0u);
        return say(j, off,
                   "control character U+%s in a string: write it as an escape "
                   "(\\n, \\t, or \\u00XX)",
                   code);
    }
    if (strncmp(text, "invalid escape", 14) == 0)
        return say(j, j->tokpos + (j->toklen >= 2 ? j->toklen - 2 : 0),
                   "invalid escape in a "
                   "string: JSON knows \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX (write "
                   "a backslash as \\\\)");
    if (strncmp(text, "invalid Unicode", 15) == 0)
        return say(j, j->tokpos,
                   "invalid \\u escape: a surrogate (\\uD800 to \\uDFFF) must come "
                   "in a high-low pair");
    if (strncmp(text, "invalid token", 13) == 0)
        return invalid_token(j);
    if (strncmp(text, "string or '}' expected", 22) == 0)
        return key_expected(j);
    if (strncmp(text, "'}' expected", 12) == 0)
        return close_expected(j, '}');
    if (strncmp(text, "']' expected", 12) == 0)
        return close_expected(j, ']');
    if (strncmp(text, "':' expected", 12) == 0)
        return say(j, j->tokpos, "missing ':' between a key and its value");
    if (strncmp(text, "unexpected token", 16) == 0) {
        size_t prev = prev_nonspace(j, j->tokpos);
        if ((tok_is(j, "]") || tok_is(j, "}")) && prev != (size_t)-1 && j->s[prev] == ',')
            return say(j, prev,
                       "trailing comma before ']': JSON allows no comma after the last "
                       "item of an array");
        if (tok_starts(j, '\''))
            return say(j, j->tokpos,
                       "single quotes are not JSON: write strings in double "
                       "quotes");
        if (tok_starts(j, '/'))
            return say(j, j->tokpos, "comments are not JSON: remove the // or /* */ comment");
        if (tok_is(j, ","))
            return say(j, j->tokpos, "a value is missing before this ','");
        if (tok_is(j, "]") || tok_is(j, "}"))
            return say(j, j->tokpos, "a value is missing before '%s'",
                       j->tok[0] == ']' ? "]" : "}");
    }
    return say(j, j->tokpos, "JSON syntax error: %s", text);
}

/* The first byte of s that is not valid UTF-8 (n when none). */
static size_t first_bad_utf8(const char *s, size_t n)
{
    size_t bad = n;
    if (mlmp_utf8_valid(s, n, &bad))
        return n;
    return bad <= n ? bad : n;
}

size_t mlmp_json_explain(const char *s, size_t n, const json_error_t *je, char *msg, size_t cap)
{
    jctx j = {s, n, NULL, 0, 0, "", msg, cap};
    size_t position = je->position > 0 ? (size_t)je->position : 0;
    find_token(&j, je->text, position);
    switch (json_error_code(je)) {
    case json_error_invalid_utf8: {
        size_t off = first_bad_utf8(s, n);
        char byte[8];
        snprintf(byte, sizeof(byte), "0x%02X", off < n ? (unsigned char)s[off] : 0u);
        return say(&j, off,
                   "invalid UTF-8: byte %s is not part of a UTF-8 character (a JSON "
                   "file is UTF-8; re-save it with that encoding)",
                   byte);
    }
    case json_error_duplicate_key:
        return say(&j, j.tokpos,
                   "duplicate key %s in one object: the second would silently "
                   "replace the first, so JSON readers disagree; keep one",
                   j.tokbuf);
    case json_error_end_of_input_expected:
        if (tok_starts(&j, '/'))
            return say(&j, j.tokpos,
                       "comments are not JSON: remove the // or /* */ "
                       "comment");
        return say(&j, j.tokpos,
                   "unexpected text after the end of the JSON value (two "
                   "documents in one file? one JSON value per file, or one per line as "
                   "NDJSON)");
    case json_error_premature_end_of_input:
        if (n == 0 || prev_nonspace(&j, n) == (size_t)-1)
            return say(&j, 0, "the input is empty: there is no JSON value");
        if (tok_starts(&j, '"'))
            return say(&j, j.tokpos,
                       "unterminated string: the input ends before the closing "
                       "'\"' of the string that starts here");
        if (strncmp(je->text, "'}' expected", 12) == 0 ||
            strncmp(je->text, "string or '}' expected", 22) == 0)
            return close_expected(&j, '}');
        if (strncmp(je->text, "']' expected", 12) == 0)
            return close_expected(&j, ']');
        return say(&j, n, "unexpected end of input: the JSON value is not complete");
    case json_error_invalid_syntax: return syntax(&j, je->text);
    default: return say(&j, j.tokpos, "%s", je->text);
    }
}
