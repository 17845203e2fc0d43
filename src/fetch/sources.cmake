# URL input (mlm_fetch) and mlm_free. fetch.c compiles to stubs that return
# MLM_ERR_UNSUPPORTED when MLM_WITH_CURL is not defined, so this fragment may
# also be included in builds without libcurl.
list(APPEND MLM_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/alloc.c
  ${CMAKE_CURRENT_LIST_DIR}/fetch.c
  ${CMAKE_CURRENT_LIST_DIR}/location.c
  ${CMAKE_CURRENT_LIST_DIR}/transfer.c
)
if(MLM_WITH_CURL)
  list(APPEND MLM_SOURCES ${CMAKE_CURRENT_LIST_DIR}/curl_api.c) # dlopen of libcurl
endif()
# Lets tests/url know the fetch API is part of this build.
set_property(GLOBAL PROPERTY MLM_HAVE_FETCH_SOURCES ON)
