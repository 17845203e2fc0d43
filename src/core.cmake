# Core sources of libmlm (load, model, diagnostics, helpers). Keep sorted.
list(APPEND MLM_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/diag.c
  ${CMAKE_CURRENT_LIST_DIR}/document.c
  ${CMAKE_CURRENT_LIST_DIR}/error.c
  ${CMAKE_CURRENT_LIST_DIR}/fix.c
  ${CMAKE_CURRENT_LIST_DIR}/facts.c
  ${CMAKE_CURRENT_LIST_DIR}/hashidx.c
  ${CMAKE_CURRENT_LIST_DIR}/json.c
  ${CMAKE_CURRENT_LIST_DIR}/json_error.c
  ${CMAKE_CURRENT_LIST_DIR}/jsonscan.c
  ${CMAKE_CURRENT_LIST_DIR}/layout.c
  ${CMAKE_CURRENT_LIST_DIR}/locator.c
  ${CMAKE_CURRENT_LIST_DIR}/memory.c
  ${CMAKE_CURRENT_LIST_DIR}/model.c
  ${CMAKE_CURRENT_LIST_DIR}/model_access.c
  ${CMAKE_CURRENT_LIST_DIR}/options.c
  ${CMAKE_CURRENT_LIST_DIR}/stac.c
  ${CMAKE_CURRENT_LIST_DIR}/strbuf.c
  ${CMAKE_CURRENT_LIST_DIR}/urisplit.c
  ${CMAKE_CURRENT_LIST_DIR}/utf8.c
  ${CMAKE_CURRENT_LIST_DIR}/validate.c
  ${CMAKE_CURRENT_LIST_DIR}/version.c
  ${CMAKE_CURRENT_LIST_DIR}/writer.c
)
# The run-time loader (dlopen) of libcurl (fetch/curl_api.c): without libcurl
# the library loads nothing. mlm-validate compiles it in where libmlm lacks it
# or hides it, for --serve's libmicrohttpd.
if(MLM_WITH_CURL)
  list(APPEND MLM_SOURCES ${CMAKE_CURRENT_LIST_DIR}/dynload.c)
endif()
