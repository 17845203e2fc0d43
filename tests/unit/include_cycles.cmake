# Tidiness: no #include cycle among the files of src/ and tools/
# (tests/tidy/include_cycles.py). The second test feeds it a small tree with
# a known cycle, so the first cannot pass because the script found nothing.
mlm_add_tidy_test(tidy_include_cycles include_cycles)
