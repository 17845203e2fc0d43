/* Loading what a command line names: a path or an http(s) URL, chosen the
 * way mlm-validate chooses, so that programs need not repeat the choice.
 * Compiled in every build: without libcurl, mlm_fetch() says that URL
 * support is missing and mlm_parse_url() passes the sentence on. */
#include "mlm/document.h"
#include "mlm/fetch.h"
#include "mlm_private.h"

mlm_document *mlm_parse_url(const char *url, const mlm_parse_options *parse_opts,
                            const mlm_fetch_options *fetch_opts, mlm_fetch_info *info,
                            mlm_error *err)
{
    if (MLMP_OPTIONS_CHECK(parse_opts, PARSE_OPTIONS, mlm_parse_options, "mlm_parse_url", url,
                           err) != MLM_OK)
        return NULL;
    char *body = NULL;
    size_t len = 0;
    if (mlm_fetch(url, fetch_opts, &body, &len, info, err) != MLM_OK)
        return NULL;
    mlm_document *doc = mlm_parse_buffer(body, len, url, parse_opts, err);
    mlm_free(body);
    return doc;
}

mlm_document *mlm_parse_location(const char *location, const mlm_parse_options *parse_opts,
                                 const mlm_fetch_options *fetch_opts, mlm_error *err)
{
    if (mlm_location_is_url(location))
        return mlm_parse_url(location, parse_opts, fetch_opts, NULL, err);
    return mlm_parse_file(location, parse_opts, err);
}
