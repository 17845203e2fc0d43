/* JSON value helpers shared by the rules and the schema engine. */
#include <string.h>

#include "mlm_private.h"

/* An integral double within int64 range, as an integer. Every double of
 * magnitude >= 2^53 is integral; no libm needed. */
static bool real_as_int(double d, json_int_t *out)
{
    if (!(d == d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return false;
    json_int_t i = (json_int_t)d;
    if ((double)i != d)
        return false;
    *out = i;
    return true;
}

/* JSON Schema equality: numbers by value (1 == 1.0, exactly, also for
 * integers beyond 2^53), objects regardless of key order. */
static bool number_equal(const json_t *a, const json_t *b)
{
    if (json_is_integer(a) && json_is_integer(b))
        return json_integer_value(a) == json_integer_value(b);
    if (json_is_real(a) && json_is_real(b))
        return json_real_value(a) == json_real_value(b);
    const json_t *i = json_is_integer(a) ? a : b;
    const json_t *r = json_is_integer(a) ? b : a;
    json_int_t v;
    return real_as_int(json_real_value(r), &v) && v == json_integer_value(i);
}

bool mlmp_json_equal(const json_t *a, const json_t *b)
{
    if (a == b)
        return true;
    if (json_is_number(a) && json_is_number(b))
        return number_equal(a, b);
    if (json_typeof(a) != json_typeof(b))
        return false;
    switch (json_typeof(a)) {
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    case JSON_ARRAY: {
        size_t n = json_array_size(a);
        if (n != json_array_size(b))
            return false;
        for (size_t i = 0; i < n; i++)
            if (!mlmp_json_equal(json_array_get(a, i), json_array_get(b, i)))
                return false;
        return true;
    }
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b))
            return false;
        const char *k;
        json_t *v;
        json_object_foreach (mlmp_unconst(a), k, v) {
            const json_t *w = json_object_get(b, k);
            if (!w || !mlmp_json_equal(v, w))
                return false;
        }
        return true;
    }
    default:
        return true; /* true, false, null: same type means equal */
    }
}

