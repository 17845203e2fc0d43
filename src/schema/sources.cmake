# JSON Schema draft-07 engine (see docs/SCHEMA-ENGINE.md).
list(APPEND MLM_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/map.c
  ${CMAKE_CURRENT_LIST_DIR}/uri.c
  ${CMAKE_CURRENT_LIST_DIR}/regex.c
  ${CMAKE_CURRENT_LIST_DIR}/format.c
  ${CMAKE_CURRENT_LIST_DIR}/registry.c
  ${CMAKE_CURRENT_LIST_DIR}/meta.c
  ${CMAKE_CURRENT_LIST_DIR}/compile.c
  ${CMAKE_CURRENT_LIST_DIR}/validate.c
)
