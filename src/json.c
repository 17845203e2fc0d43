/* JSON value helpers shared by the rules and the schema engine. */
#include <stdint.h>
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
    default: return true; /* true, false, null: same type means equal */
    }
}

/* --- hashing (consistent with mlmp_json_equal) -------------------------------- */

uint64_t mlmp_hash_bytes(const char *s, size_t n)
{
    /* word at a time: object keys are hashed on every lookup */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    uint64_t t = 0;
    for (size_t k = 0; i + k < n; k++)
        t |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    h = (h ^ t) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 32;
    return h;
}

uint64_t mlmp_hash_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* Equal values (mlmp_json_equal) hash alike: numbers by value (1, 1.0 and
 * -0 / 0 alike), objects whatever the order of their members. */
uint64_t mlmp_json_hash(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING: return mlmp_hash_bytes(json_string_value(v), json_string_length(v));
    case JSON_INTEGER: return mlmp_hash_mix((uint64_t)json_integer_value(v) ^ 0x1234567ull);
    case JSON_REAL: {
        json_int_t i;
        double d = json_real_value(v);
        if (real_as_int(d, &i))
            return mlmp_hash_mix((uint64_t)i ^ 0x1234567ull);
        uint64_t bits;
        memcpy(&bits, &d, sizeof(bits));
        return mlmp_hash_mix(bits);
    }
    case JSON_ARRAY: {
        uint64_t h = 0xa11a7ull;
        for (size_t i = 0; i < json_array_size(v); i++)
            h = mlmp_hash_mix(h * 31 + mlmp_json_hash(json_array_get(v, i)));
        return h;
    }
    case JSON_OBJECT: {
        uint64_t h = 0x0b1ec7ull; /* order-independent */
        const char *k;
        json_t *e;
        json_object_foreach (mlmp_unconst(v), k, e)
            h += mlmp_hash_mix(mlmp_hash_bytes(k, strlen(k)) ^ mlmp_json_hash(e));
        return h;
    }
    case JSON_TRUE: return 0x7777ull;
    case JSON_FALSE: return 0x5555ull;
    default: return 0x3333ull;
    }
}

bool mlmp_json_array_has_string(const json_t *array, const char *s)
{
    size_t i;
    const json_t *e;
    json_array_foreach (array, i, e) {
        if (json_is_string(e) && strcmp(json_string_value(e), s) == 0)
            return true;
    }
    return false;
}

bool mlmp_str_in(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}
