# Core sources of libmlm (load, model, diagnostics, helpers).
list(APPEND MLM_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/memory.c
  ${CMAKE_CURRENT_LIST_DIR}/error.c
  ${CMAKE_CURRENT_LIST_DIR}/strbuf.c
  ${CMAKE_CURRENT_LIST_DIR}/utf8.c
)
