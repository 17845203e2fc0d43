// list_models: walk a directory (or read the files and URLs given) and print
// every MLM model found, with its inputs, outputs and assets, through the
// C++17 face of libmlm (mlm/mlm.hpp).
//
//   list_models examples/            # every *.json below, in name order
//   list_models item.json https://example.org/item.json
//
// Exit status: 0 every input was read (valid or not), 1 an input could not be
// read (its error is printed on standard error), 2 usage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <mlm/mlm.hpp>

namespace fs = std::filesystem;

namespace {

std::string shape_of(const mlm::tensor &t)
{
    std::string s = "[";
    for (std::size_t i = 0; i < t.rank(); i++) {
        if (i)
            s += ", ";
        std::optional<std::int64_t> d = t.dim(i);
        s += d ? std::to_string(*d) : std::string("?");
    }
    return s + "]";
}

std::string join(const std::vector<std::string_view> &v)
{
    std::string s;
    for (std::string_view x : v) {
        if (!s.empty())
            s += ",";
        s += std::string(x);
    }
    return s;
}

void print_model(const mlm::document &doc)
{
    const mlm::model m = doc.model();
    std::cout << doc.source() << ": " << m.name().value_or("(no mlm:name)") << " (MLM "
              << mlm::name(doc.spec_version()) << ", " << mlm::name(doc.stac_type()) << ")";
    if (std::optional<std::int64_t> p = m.total_parameters())
        std::cout << ", " << *p << " parameters";
    std::cout << "\n";
    for (mlm::input in : m.inputs()) {
        std::cout << "  input " << in.index() << " \"" << in.name() << "\": " << in.bands().size()
                  << " bands";
        if (std::optional<mlm::tensor> t = in.structure())
            std::cout << ", shape " << shape_of(*t) << " " << join(t->dim_order()) << " "
                      << mlm::name(t->data_type());
        std::cout << "\n";
    }
    for (mlm::output out : m.outputs()) {
        std::cout << "  output " << out.index() << " \"" << out.name() << "\":";
        for (mlm_task task : out.tasks())
            std::cout << " " << mlm::name(task);
        if (std::optional<mlm::tensor> t = out.result())
            std::cout << ", result " << shape_of(*t);
        if (!out.classes().empty()) {
            std::cout << ", " << out.classes().size() << " classes (";
            std::size_t shown = 0;
            for (mlm::class_ c : out.classes()) {
                if (shown++ == 3) {
                    std::cout << ", ...";
                    break;
                }
                std::cout << (shown > 1 ? ", " : "") << c.value().value_or(-1) << "=" << c.name();
            }
            std::cout << ")";
        }
        std::cout << "\n";
    }
    for (mlm::asset a : m.assets()) {
        std::cout << "  asset \"" << a.key() << "\" (" << mlm::name(a.kind())
                  << (a.is_in_item_assets() ? ", item_assets" : "") << ")";
        if (!a.href().empty())
            std::cout << " " << a.href();
        for (const mlm::member &f : a.mlm_fields())
            if (json_is_string(f.value))
                std::cout << " " << f.key << "=" << json_string_value(f.value);
        std::cout << "\n";
    }
}

// A document is a model when it declares an MLM version (or has mlm: fields).
bool is_model(const mlm::document &doc)
{
    return doc.spec_version() != MLM_SPEC_UNKNOWN || doc.model().inputs().size() > 0;
}

int list(const std::string &location, std::size_t &models)
{
    try {
        mlm::document doc = mlm::document::parse_location(location);
        if (is_model(doc)) {
            print_model(doc);
            models++;
        }
        return 0;
    } catch (const mlm::error &e) {
        std::cerr << "list_models: " << (e.source().empty() ? location : e.source()) << ": "
                  << e.what() << "\n";
        return 1;
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cerr << "usage: list_models DIRECTORY|FILE|URL...\n";
        return 2;
    }
    int rc = 0;
    std::size_t models = 0;
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        std::error_code ec;
        if (!mlm_location_is_url(arg.c_str()) && fs::is_directory(arg, ec)) {
            std::vector<std::string> files;
            for (auto it = fs::recursive_directory_iterator(arg, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".json")
                    files.push_back(it->path().string());
            std::sort(files.begin(), files.end());
            for (const std::string &f : files)
                rc |= list(f, models);
        } else {
            rc |= list(arg, models);
        }
    }
    std::cout << models << (models == 1 ? " model\n" : " models\n");
    return rc;
}
