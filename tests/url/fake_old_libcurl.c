/* A library that looks like libcurl 7.74.0 (older than the 7.85 libmlm needs):
 * every function libmlm resolves exists, and curl_version_info() reports the
 * old version. Loaded through MLM_TEST_LIBCURL by tests/url/no_libcurl.sh to
 * check that such a libcurl is refused with a clear message before any
 * transfer. Its other functions (fake_old_libcurl_rest.c) abort: they must
 * never be called. */
#include <stdlib.h>

#include <curl/curl.h>

#define MLMP_EXPORT __attribute__((visibility("default")))

MLMP_EXPORT curl_version_info_data *curl_version_info(CURLversion age);
curl_version_info_data *curl_version_info(CURLversion age)
{
    (void)age;
    static curl_version_info_data info;
    info.age = CURLVERSION_NOW;
    info.version = "7.74.0";
    info.version_num = 0x074a00;
    return &info;
}
