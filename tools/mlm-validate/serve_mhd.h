/* libmicrohttpd, loaded when --serve starts (serve_mhd.c).
 *
 * mlm-validate does not link libmicrohttpd: linking it (and the TLS stack it
 * pulls in) made every run of the tool load 11 more libraries and cost 20
 * times the instructions of a bare start-up, for a mode one run in many uses.
 * The table below holds the functions --serve calls; it is filled once, by
 * serve_mhd_load(), and belongs to the server that loaded it. */
#ifndef MLM_SERVE_MHD_H
#define MLM_SERVE_MHD_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdarg.h>
#include <microhttpd.h>

typedef struct serve_mhd {
    __typeof__(&MHD_start_daemon) start_daemon;
    __typeof__(&MHD_stop_daemon) stop_daemon;
    __typeof__(&MHD_quiesce_daemon) quiesce_daemon;
    __typeof__(&MHD_get_daemon_info) get_daemon_info;
    __typeof__(&MHD_get_connection_values) get_connection_values;
    __typeof__(&MHD_lookup_connection_value) lookup_connection_value;
    __typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
    __typeof__(&MHD_add_response_header) add_response_header;
    __typeof__(&MHD_queue_response) queue_response;
    __typeof__(&MHD_destroy_response) destroy_response;
} serve_mhd;

/* Load libmicrohttpd and fill @p t. 0 on success; else -1 with a sentence in
 * @p why (what is missing and what to install). The library stays loaded for
 * the life of the process. */
int serve_mhd_load(serve_mhd *t, char *why, size_t cap);

#endif
