/* Stepping over JSON text without decoding it: see jsonscan.h. */
#include <string.h>

#include "jsonscan.h"

size_t mlmp_scan_string_end(const char *s, size_t n, size_t i)
{
    size_t start = i + 1;
    for (i = start; i < n;) {
        const char *q = memchr(s + i, '"', n - i);
        if (!q)
            break;
        size_t pos = (size_t)(q - s), k = pos;
        while (k > start && s[k - 1] == '\\')
            k--;
        if ((pos - k) % 2 == 0)
            return pos + 1;
        i = pos + 1;
    }
    return MLMP_SCAN_END;
}

static bool is_delimiter(char ch)
{
    return ch == ',' || ch == ':' || ch == ']' || ch == '}' || ch == '[' || ch == '{' ||
           ch == '"' || mlmp_scan_is_ws(ch);
}

size_t mlmp_scan_value_end(const char *s, size_t n, size_t i)
{
    long nest = 0;
    do {
        i = mlmp_scan_ws(s, n, i);
        if (i >= n)
            return MLMP_SCAN_END;
        char ch = s[i];
        if (ch == '"') {
            i = mlmp_scan_string_end(s, n, i);
            if (i == MLMP_SCAN_END)
                return MLMP_SCAN_END;
        } else if (ch == '{' || ch == '[') {
            nest++;
            i++;
        } else if (ch == '}' || ch == ']') {
            nest--;
            i++;
        } else if (ch == ',' || ch == ':') {
            i++;
        } else {
            do
                i++;
            while (i < n && !is_delimiter(s[i]));
        }
    } while (nest > 0);
    return i;
}
