// edit_item: open an MLM Item, edit it with the C++17 face of libmlm
// (mlm/mlm.hpp), validate the result and print it.
//
//   edit_item examples/v1.5.2/valid/tree-species-multi-io.json > edited.json
//
// The edits: a framework version, one more class on the first output (with
// the description classification v1.1.0 requires), and a documentation
// asset. Views taken before an edit are invalid after it, so the model is
// read again after the edits.
//
// Exit status: 0 edited and valid, 1 the edited document has errors (printed
// on standard error), 3 a library call failed.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <string>

#include <mlm/mlm.hpp>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: edit_item ITEM.json > EDITED.json\n";
        return 2;
    }
    try {
        mlm::document doc = mlm::document::parse_location(argv[1]);
        std::size_t outputs = doc.model().outputs().size();
        std::int64_t next = 0;
        if (outputs > 0)
            for (mlm::class_ c : doc.model().outputs()[0].classes())
                next = std::max(next, c.value().value_or(0) + 1);

        doc.set_string("mlm:framework_version", "2.5.1");
        if (outputs > 0)
            doc.add_class(0, next, "unlabelled", "Pixels the model leaves without a class.");
        doc.add_asset("documentation", "https://example.org/model-card.html", "text/html",
                      {"metadata"});

        const mlm::model m = doc.model(); // read again: the edits rebuilt it
        std::cerr << "edit_item: " << m.name().value_or("(no name)") << ": framework "
                  << m.framework().value_or("?") << " " << m.framework_version().value_or("?")
                  << ", " << m.assets().size() << " assets";
        if (outputs > 0)
            std::cerr << ", " << m.outputs()[0].classes().size() << " classes on output 0";
        std::cerr << "\n";

        mlm::diagnostics found = doc.validate();
        for (mlm::diagnostic d : found)
            std::cerr << doc.source() << ": " << d.severity_name() << " " << d.rule_id() << " "
                      << d.pointer() << ": " << d.message() << "\n";
        std::cout << doc.dump();
        return found.has_failures() ? 1 : 0;
    } catch (const mlm::error &e) {
        std::cerr << "edit_item: " << e.source() << ": " << e.what() << "\n";
        return 3;
    }
}
