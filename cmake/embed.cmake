# Turn a file into a C array at build time (the page of mlm-validate --serve).
# cmake -DIN=FILE -DOUT=FILE.c -DNAME=symbol -DHEADER=header.h -P embed.cmake
# defines `const unsigned char NAME[]` (NUL-terminated) and `const size_t
# NAME_len` (the file's size, without the NUL), declared in HEADER.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# One line per 32 bytes keeps the generated file readable in an editor.
string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
get_filename_component(source "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${source} by cmake/embed.cmake; do not edit. */\n"
  "#include \"${HEADER}\"\n\n"
  "const unsigned char ${NAME}[] = {\n${bytes}0x00};\n"
  "const size_t ${NAME}_len = ${size};\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
