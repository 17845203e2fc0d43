# The public headers keep the ABI promise of docs/API.md: no bitfields (their
# layout is implementation-defined and FFIs cannot read them), and the typed
# model's handles stay opaque (no struct body for them in a public header).
# usage: cmake -DINCLUDE_DIR=... -P check_abi_shapes.cmake
file(GLOB_RECURSE headers ${INCLUDE_DIR}/*.h)
set(problems "")
foreach(h ${headers})
  file(STRINGS ${h} lines)
  set(n 0)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    if(line MATCHES "^[^/#*]*[A-Za-z_][A-Za-z0-9_]*[ \t]*:[ \t]*[0-9]+[ \t]*[,;]")
      string(APPEND problems "${h}:${n}: a bitfield in a public header: ${line}\n")
    endif()
    if(line MATCHES "struct mlm_(model|input|output|tensor|band|value_scaling|expression|class|asset|runtime)[ \t]*{")
      string(APPEND problems "${h}:${n}: a model handle defined in a public header: ${line}\n")
    endif()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "${problems}")
endif()
list(LENGTH headers count)
message(STATUS "check_abi_shapes: ${count} public headers, no bitfields, model handles opaque")
