/*
 * Stepping over JSON text without decoding it.
 *
 * The one home for the loops that find where a value's text ends: the
 * locator (pointers to line:column), the layout-keeping writer (which copies
 * untouched values byte for byte) and the fixes (a value's text span for a
 * text edit) all step over values here. Nothing is allocated or decoded.
 *
 * Every function is safe on any bytes: it checks bounds at each step and
 * always advances, so text that is not JSON ends the scan rather than
 * overrunning it. Offsets are byte offsets into the text s of n bytes.
 *
 * Private: compiled into the library only (no exported symbol).
 */
#ifndef MLM_JSONSCAN_H
#define MLM_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

/** The offset returned when the text ends before what was asked for. */
#define MLMP_SCAN_END ((size_t)-1)

/** True for the four whitespace bytes of JSON. */
static inline bool mlmp_scan_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/** The first offset at or after i that is not JSON whitespace (n when none). */
static inline size_t mlmp_scan_ws(const char *s, size_t n, size_t i)
{
    while (i < n && mlmp_scan_is_ws(s[i]))
        i++;
    return i;
}

/**
 * The offset just after the string whose opening quote is at i, or
 * MLMP_SCAN_END when the string is not closed before n. A quote closes the
 * string when an even run of backslashes precedes it.
 */
size_t mlmp_scan_string_end(const char *s, size_t n, size_t i);

/**
 * The offset just after the value that starts at or after i (leading
 * whitespace is skipped; containers are stepped over iteratively, whatever
 * their depth), or MLMP_SCAN_END when the text ends first. A number or a
 * literal ends at the next delimiter; any other byte is consumed as one token,
 * so the scan always advances.
 */
size_t mlmp_scan_value_end(const char *s, size_t n, size_t i);

#endif
