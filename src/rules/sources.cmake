# The MLM rules. One line per file; keep sorted.
list(APPEND MLM_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/check.c
  ${CMAKE_CURRENT_LIST_DIR}/context.c
  ${CMAKE_CURRENT_LIST_DIR}/draft.c
  ${CMAKE_CURRENT_LIST_DIR}/patterns.c
  ${CMAKE_CURRENT_LIST_DIR}/registry.c
  ${CMAKE_CURRENT_LIST_DIR}/v1.c
  ${CMAKE_CURRENT_LIST_DIR}/v1_fields.c
  ${CMAKE_CURRENT_LIST_DIR}/v1_spec.c
)
