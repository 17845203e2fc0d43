/*
 * Hand-written exact matchers for the regular expressions the MLM schemas
 * (and the schemas they reference) use on field values and keys. Each one
 * decides what the pattern decides under ECMA-262 semantics, the semantics
 * JSON Schema gives patterns: `$` only at the very end, `\d` ASCII digits,
 * `.` anything but a line terminator (U+000A, U+000D, U+2028, U+2029), `\s`
 * the ECMA white space and line terminator set (which includes U+00A0,
 * U+1680, U+2000..U+200A, U+202F, U+205F, U+3000 and U+FEFF).
 *
 * Inputs are UTF-8 byte strings with an explicit length (JSON strings may
 * hold U+0000). Not installed; unit-tested against PCRE2 in
 * tests/unit/test_patterns.c.
 */
#ifndef MLM_RULES_PATTERNS_H
#define MLM_RULES_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ECMA-262 `\s`: WhiteSpace or LineTerminator. */
bool mlmp_pat_is_ecma_space(uint32_t cp);
/* ECMA-262 LineTerminator (what `.` does not match). */
bool mlmp_pat_is_line_terminator(uint32_t cp);

/* mlm:name: ^[a-zA-Z][a-zA-Z0-9_.\-\s]+[a-zA-Z0-9]$ */
bool mlmp_pat_model_name(const char *s, size_t n);
/* mlm:framework, free-text branch (v1.1.0+): ^(?=[^\s._\-]).*[^\s._\-]$ */
bool mlmp_pat_framework(const char *s, size_t n);
/* mlm:framework_version: the semver.org regular expression (anchored). */
bool mlmp_pat_semver(const char *s, size_t n);
/* dim_order entries: ^[a-z-_]+$ */
bool mlmp_pat_dim_name(const char *s, size_t n);
/* mlm:hyperparameters keys: ^[0-9a-zA-Z_.-]+$ */
bool mlmp_pat_hyperparameter_key(const char *s, size_t n);
/* classification v1.1.0 color_hint: ^([0-9A-Fa-f]{6})$ */
bool mlmp_pat_color_hint(const char *s, size_t n);
/* The catch-all patternProperties of the "fields" definition:
 * ^(?!prefix) for prefix "mlm:" (v1.4.0+) or "dlm:" (v1.0.0..v1.3.0).
 * True when `s` does NOT start with `prefix`. */
bool mlmp_pat_not_prefixed(const char *s, size_t n, const char *prefix);

#endif /* MLM_RULES_PATTERNS_H */
