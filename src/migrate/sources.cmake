# The migration (mlm/migrate.h): the driver and one file per era. Keep sorted.
list(APPEND MLM_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/dl_model.c
  ${CMAKE_CURRENT_LIST_DIR}/draft.c
  ${CMAKE_CURRENT_LIST_DIR}/driver.c
  ${CMAKE_CURRENT_LIST_DIR}/util.c
  ${CMAKE_CURRENT_LIST_DIR}/v1.c
  ${CMAKE_CURRENT_LIST_DIR}/walk.c
)
