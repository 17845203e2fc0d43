// The C++17 face (mlm/mlm.hpp) against the C API it wraps: the ranges see
// what the C counts and getters see, optional values are nullopt exactly
// when the C getter answers 0, failures are mlm::error exceptions carrying
// the C record, and the owners release everything (valgrind runs this).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>

#include <mlm/mlm.hpp>

#ifndef MLM_SOURCE_DIR
#define MLM_SOURCE_DIR "."
#endif

static int failures = 0;
#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond);  \
            failures++;                                                      \
        }                                                                    \
    } while (0)

static_assert(!std::is_copy_constructible_v<mlm::document>, "an owner is move-only");
static_assert(std::is_nothrow_move_constructible_v<mlm::document>, "owners move");
static_assert(std::is_copy_constructible_v<mlm::input>, "views are copyable handles");

static const std::string item = std::string(MLM_SOURCE_DIR) +
                                "/examples/v1.5.2/valid/tree-species-multi-io.json";

static void test_model_matches_c()
{
    mlm::document doc = mlm::document::parse_file(item);
    const mlm_model *cm = mlm_document_model(doc.raw());
    mlm::model m = doc.model();
    CHECK(m.raw() == cm);
    CHECK(m.inputs().size() == mlm_model_input_count(cm));
    CHECK(m.outputs().size() == mlm_model_output_count(cm));
    CHECK(m.assets().size() == mlm_model_asset_count(cm));
    std::size_t i = 0;
    for (mlm::input in : m.inputs()) {
        CHECK(in.raw() == mlm_model_input(cm, i));
        CHECK(in.index() == i);
        CHECK(in.name() == std::string_view(mlm_input_name(mlm_model_input(cm, i))));
        CHECK(in.bands().size() == mlm_input_band_count(in.raw()));
        i++;
    }
    CHECK(i == mlm_model_input_count(cm));
    std::size_t classes = 0;
    for (mlm::output out : m.outputs())
        for (mlm::class_ c : out.classes()) {
            std::int64_t v = 0;
            CHECK(c.value().has_value() == (mlm_class_value(c.raw(), &v) == 1));
            classes++;
        }
    std::int64_t p = 0;
    CHECK(m.total_parameters().has_value() == (mlm_model_total_parameters(cm, &p) == 1));
    if (m.total_parameters())
        CHECK(*m.total_parameters() == p);
    CHECK(m.name().has_value() == (mlm_model_name(cm) != nullptr));
    for (mlm::asset a : m.assets()) {
        CHECK(a.mlm_fields().size() == mlm_json_member_count(a.json(), MLM_MEMBERS_MLM));
        CHECK(a.fields().raw() == mlm_asset_fields(a.raw()));
    }
    // The document is moved, not copied; the views stay valid.
    mlm::document moved = std::move(doc);
    CHECK(moved.model().raw() == cm);
}

static void test_absent_values()
{
    mlm::document doc = mlm::document::parse_text(
        "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"x\", \"properties\": {}}",
        "mem");
    mlm::model m = doc.model();
    CHECK(!m.name());
    CHECK(!m.total_parameters());
    CHECK(!m.pretrained());
    CHECK(m.inputs().empty());
    CHECK(m.inputs().begin() == m.inputs().end());
    CHECK(doc.source() == "mem");
    CHECK(doc.spec_version() == MLM_SPEC_UNKNOWN);
    mlm::diagnostics d = doc.validate();
    CHECK(d.size() == mlm_diagnostics_count(d.raw()));
    std::size_t n = 0;
    for (mlm::diagnostic x : d) {
        CHECK(!x.rule_id().empty());
        CHECK(!x.message().empty());
        n++;
    }
    CHECK(n == d.size());
    CHECK(d.has_failures() == (mlm_diagnostics_failed(d.raw(), 0) == 1));
}

/* A band repeated over four positions: one diagnostic, its three other
 * places as data; and a misspelt task: a fix. */
static void test_related_and_fix()
{
    mlm::document doc =
        mlm::document::parse_file(std::string(MLM_SOURCE_DIR) + "/tests/cli/fixtures/valid.json");
    mlm_document *raw = doc.raw();
    json_t *bands = json_pack("[s,s,s,s]", "B02", "B02", "B02", "B02");
    CHECK(mlm_document_set(raw, "/properties/mlm:input/0/bands", bands, nullptr) == MLM_OK);
    json_t *task = json_string("semantic segmentation");
    CHECK(mlm_document_set(raw, "/properties/mlm:tasks/0", task, nullptr) == MLM_OK);
    mlm::diagnostics d = doc.validate();
    bool grouped = false, fixed = false;
    std::size_t i = 0;
    for (mlm::diagnostic x : d) {
        if (x.rule_id() == "MLM306") {
            std::vector<mlm::diagnostics::place> rel = d.related(i);
            CHECK(rel.size() == 2);
            CHECK(rel.size() == 2 && rel[1].pointer == "/properties/mlm:input/0/bands/3");
            grouped = true;
        }
        if (x.rule_id() == "MLM102" && d.fix(i)) {
            CHECK(d.fix(i)->safe);
            fixed = true;
        }
        i++;
    }
    CHECK(grouped);
    CHECK(fixed);
    CHECK(d.related(d.size()).empty());
    CHECK(d.fix(d.size()) == nullptr);
}

static void test_errors_are_exceptions()
{
    try {
        (void)mlm::document::parse_file(std::string(MLM_SOURCE_DIR) + "/no/such/file.json");
        CHECK(false);
    } catch (const mlm::error &e) {
        CHECK(e.code() == MLM_ERR_IO);
        CHECK(e.source().find("file.json") != std::string::npos);
        CHECK(std::string(e.what()).find("cannot open") != std::string::npos);
    }
    try {
        (void)mlm::document::parse_text("{\"\xc3\xa9\": x}", "bad");
        CHECK(false);
    } catch (const mlm::error &e) {
        CHECK(e.code() == MLM_ERR_JSON);
        CHECK(e.line() == 1);
        CHECK(e.column() == 7); // characters: the é counts once
    }
    mlm::document doc = mlm::document::create(MLM_STAC_ITEM, "x");
    try {
        doc.add_class(5, 1, "c", "d"); // no output 5
        CHECK(false);
    } catch (const mlm::error &e) {
        CHECK(e.code() == MLM_ERR_INVALID_ARG);
    }
    try {
        mlm::document::parse_location("https://127.0.0.1:1/x.json");
        CHECK(false);
    } catch (const mlm::error &e) {
        CHECK(e.code() == MLM_ERR_NETWORK || e.code() == MLM_ERR_UNSUPPORTED);
    }
}

static void test_edit_and_dump()
{
    mlm::document doc = mlm::document::create(MLM_STAC_ITEM, "edited", MLM_SPEC_1_5_2);
    doc.set_string("mlm:name", "tiny");
    std::size_t in = doc.add_input("rgb");
    std::size_t out = doc.add_output("mask", {MLM_TASK_SEMANTIC_SEGMENTATION});
    doc.add_class(out, 0, "water", "Open water.");
    doc.add_asset("weights", "https://example.org/w.pt", "", {"mlm:model"});
    doc.asset_set("weights", "mlm:artifact_type", json_string("torch.save"));
    mlm::model m = doc.model();
    CHECK(in == 0 && out == 0);
    CHECK(m.name() == std::optional<std::string_view>("tiny"));
    CHECK(m.outputs()[0].classes().size() == 1);
    CHECK(m.outputs()[0].classes()[0].description() == std::optional<std::string_view>("Open water."));
    CHECK(m.outputs()[0].tasks().size() == 1);
    CHECK(m.model_asset().has_value());
    CHECK(m.model_asset()->artifact_type() == std::optional<std::string_view>("torch.save"));
    std::string text = doc.dump();
    CHECK(text.find("\"mlm:name\": \"tiny\"") != std::string::npos);
    mlm::document back = mlm::document::parse_text(text);
    CHECK(back.model().name() == m.name());
}

int main()
{
    test_model_matches_c();
    test_absent_values();
    test_errors_are_exceptions();
    test_related_and_fix();
    test_edit_and_dump();
    if (failures)
        std::fprintf(stderr, "%d check(s) failed\n", failures);
    else
        std::printf("mlm.hpp: every check passed\n");
    return failures ? 1 : 0;
}
