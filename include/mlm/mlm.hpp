/**
 * @file mlm/mlm.hpp
 * @brief A C++17 face of libmlm: header only, over the C API of <mlm.h>.
 *
 * - Owners: mlm::document and mlm::diagnostics hold the C objects in
 *   std::unique_ptr with the library's release functions (move-only).
 * - Views: mlm::model, mlm::input, mlm::output, mlm::tensor, mlm::band,
 *   mlm::class_, mlm::asset and mlm::diagnostic are small copyable handles
 *   borrowed from their owner, exactly as the C handles: valid until the
 *   document (or the diagnostics list) is freed or the document is edited.
 *   Strings are std::string_view into the document, with the same lifetime.
 * - Lists are ranges: `for (mlm::input in : doc.model().inputs())`.
 * - An optional value is std::optional (absent = std::nullopt); an absent
 *   string is an empty std::optional from the `_opt` getters, or an empty
 *   std::string_view from the plain ones.
 * - Errors are exceptions (mlm::error, derived from std::runtime_error, with
 *   the code, source and position of the C mlm_error): only loading, editing
 *   and writing can fail, and then there is nothing useful to return. An
 *   invalid document is not an error: validate() returns its diagnostics.
 *   docs/API.md ("C++") says why exceptions rather than a result type.
 *
 * Conventions (mlm/common.h): this header keeps the C ones underneath and
 * needs no linking beyond libmlm. It compiles under -Wall -Wextra -Wpedantic
 * -Wold-style-cast.
 */
#ifndef MLM_MLM_HPP
#define MLM_MLM_HPP

#if !defined(__cplusplus) || __cplusplus < 201703L
#error "mlm/mlm.hpp needs C++17"
#endif

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mlm.h>

namespace mlm {

/** A failed libmlm call: what(), plus the fields of the C mlm_error. */
class error : public std::runtime_error {
public:
    explicit error(const mlm_error &e)
        : std::runtime_error(e.text[0] ? e.text : mlm_strerror(e.code)), code_(e.code),
          line_(e.line), column_(e.column), source_(e.source)
    {
    }
    /** The mlm_status (a negative value). */
    int code() const noexcept { return code_; }
    /** 1-based line of a JSON syntax error, else 0. */
    int line() const noexcept { return line_; }
    /** 1-based column (characters) of a JSON syntax error, else 0. */
    int column() const noexcept { return column_; }
    /** The path or URL the error is about (may be empty). */
    const std::string &source() const noexcept { return source_; }

private:
    int code_;
    int line_;
    int column_;
    std::string source_;
};

namespace detail {

struct document_free {
    void operator()(mlm_document *d) const noexcept { mlm_document_free(d); }
};
struct diagnostics_free {
    void operator()(mlm_diagnostics *d) const noexcept { mlm_diagnostics_free(d); }
};
struct text_free {
    void operator()(char *p) const noexcept { mlm_free(p); }
};

inline std::string_view view(const char *s) noexcept
{
    return s ? std::string_view(s) : std::string_view();
}

inline std::optional<std::string_view> opt(const char *s)
{
    if (!s)
        return std::nullopt;
    return std::string_view(s);
}

template <class T, class H>
std::optional<T> opt_number(int (*get)(const H *, T *), const H *h)
{
    T v{};
    if (get(h, &v) == 1)
        return v;
    return std::nullopt;
}

template <class H>
std::optional<bool> opt_bool(int (*get)(const H *, int *), const H *h)
{
    int v = 0;
    if (get(h, &v) == 1)
        return v != 0;
    return std::nullopt;
}

inline void check(int rc, const mlm_error &e)
{
    if (rc != MLM_OK)
        throw error(e);
}

} // namespace detail

/**
 * A range over the items of a C list reached by a count and an index
 * getter; the items are handles of type H made from the C pointers.
 */
template <class H, class Raw, class Owner>
class range {
public:
    using count_fn = std::size_t (*)(const Owner *);
    using at_fn = const Raw *(*)(const Owner *, std::size_t);

    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = H;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = H;

        iterator() = default;
        iterator(const Owner *o, at_fn at, std::size_t i) : o_(o), at_(at), i_(i) {}
        H operator*() const { return H(at_(o_, i_)); }
        iterator &operator++()
        {
            ++i_;
            return *this;
        }
        iterator operator++(int)
        {
            iterator t = *this;
            ++i_;
            return t;
        }
        bool operator==(const iterator &b) const { return o_ == b.o_ && i_ == b.i_; }
        bool operator!=(const iterator &b) const { return !(*this == b); }

    private:
        const Owner *o_ = nullptr;
        at_fn at_ = nullptr;
        std::size_t i_ = 0;
    };

    range(const Owner *o, count_fn count, at_fn at) : o_(o), n_(count(o)), at_(at) {}
    iterator begin() const { return iterator(o_, at_, 0); }
    iterator end() const { return iterator(o_, at_, n_); }
    std::size_t size() const noexcept { return n_; }
    bool empty() const noexcept { return n_ == 0; }
    /** Item @p i (document index); a null handle when out of range. */
    H operator[](std::size_t i) const { return H(at_(o_, i)); }

private:
    const Owner *o_;
    std::size_t n_;
    at_fn at_;
};

/** One JSON member of a const object (key and borrowed value). */
struct member {
    std::string_view key;
    const json_t *value;
};

/** The members of a const JSON object that a filter selects, in document order. */
inline std::vector<member> members(const json_t *object,
                                   mlm_member_filter filter = MLM_MEMBERS_ALL)
{
    std::vector<member> out;
    std::size_t n = mlm_json_member_count(object, filter);
    out.reserve(n);
    for (std::size_t i = 0; i < n; i++) {
        const json_t *v = nullptr;
        const char *k = mlm_json_member(object, filter, i, &v);
        if (k)
            out.push_back(member{k, v});
    }
    return out;
}

/** A band or variable reference. */
class band {
public:
    explicit band(const mlm_band *b) noexcept : b_(b) {}
    const mlm_band *raw() const noexcept { return b_; }
    std::string_view name() const noexcept { return detail::view(mlm_band_name(b_)); }
    std::optional<std::string_view> format() const { return detail::opt(mlm_band_format(b_)); }
    const json_t *expression() const noexcept { return mlm_band_expression(b_); }
    std::string_view pointer() const noexcept { return detail::view(mlm_band_pointer(b_)); }

private:
    const mlm_band *b_;
};

/** A tensor description (input structure, result structure). */
class tensor {
public:
    explicit tensor(const mlm_tensor *t) noexcept : t_(t) {}
    const mlm_tensor *raw() const noexcept { return t_; }
    /** Number of dimensions (entries of shape). */
    std::size_t rank() const noexcept { return mlm_tensor_shape_count(t_); }
    /** shape[i] when it is an integer (-1 is a variable size). */
    std::optional<std::int64_t> dim(std::size_t i) const
    {
        std::int64_t v = 0;
        if (mlm_tensor_shape(t_, i, &v) == 1)
            return v;
        return std::nullopt;
    }
    /** The dimension names (an entry that is not a string is empty). */
    std::vector<std::string_view> dim_order() const
    {
        std::vector<std::string_view> out;
        for (std::size_t i = 0, n = mlm_tensor_dim_order_count(t_); i < n; i++)
            out.push_back(detail::view(mlm_tensor_dim_order(t_, i)));
        return out;
    }
    mlm_data_type data_type() const noexcept { return mlm_tensor_data_type(t_); }
    std::string_view data_type_name() const noexcept
    {
        return detail::view(mlm_tensor_data_type_raw(t_));
    }
    std::string_view pointer() const noexcept { return detail::view(mlm_tensor_pointer(t_)); }

private:
    const mlm_tensor *t_;
};

/** A classification class. */
class class_ {
public:
    explicit class_(const mlm_class *c) noexcept : c_(c) {}
    const mlm_class *raw() const noexcept { return c_; }
    std::optional<std::int64_t> value() const { return detail::opt_number(&mlm_class_value, c_); }
    std::string_view name() const noexcept { return detail::view(mlm_class_name(c_)); }
    std::optional<std::string_view> description() const
    {
        return detail::opt(mlm_class_description(c_));
    }
    std::optional<std::string_view> title() const { return detail::opt(mlm_class_title(c_)); }
    std::optional<std::string_view> color_hint() const
    {
        return detail::opt(mlm_class_color_hint(c_));
    }
    std::optional<bool> nodata() const { return detail::opt_bool(&mlm_class_nodata, c_); }

private:
    const mlm_class *c_;
};

/** One entry of mlm:input. */
class input {
public:
    explicit input(const mlm_input *in) noexcept : in_(in) {}
    const mlm_input *raw() const noexcept { return in_; }
    std::size_t index() const noexcept { return mlm_input_index(in_); }
    std::string_view name() const noexcept { return detail::view(mlm_input_name(in_)); }
    std::optional<std::string_view> description() const
    {
        return detail::opt(mlm_input_description(in_));
    }
    range<band, mlm_band, mlm_input> bands() const
    {
        return {in_, &mlm_input_band_count, &mlm_input_band};
    }
    range<band, mlm_band, mlm_input> variables() const
    {
        return {in_, &mlm_input_variable_count, &mlm_input_variable};
    }
    std::optional<tensor> structure() const
    {
        const mlm_tensor *t = mlm_input_tensor(in_);
        if (!t)
            return std::nullopt;
        return tensor(t);
    }
    mlm_resize_type resize_type() const noexcept { return mlm_input_resize_type(in_); }
    std::string_view pointer() const noexcept { return detail::view(mlm_input_pointer(in_)); }
    const json_t *json() const noexcept { return mlm_input_json(in_); }

private:
    const mlm_input *in_;
};

/** One entry of mlm:output. */
class output {
public:
    explicit output(const mlm_output *o) noexcept : o_(o) {}
    const mlm_output *raw() const noexcept { return o_; }
    std::size_t index() const noexcept { return mlm_output_index(o_); }
    std::string_view name() const noexcept { return detail::view(mlm_output_name(o_)); }
    std::optional<std::string_view> description() const
    {
        return detail::opt(mlm_output_description(o_));
    }
    std::vector<mlm_task> tasks() const
    {
        std::vector<mlm_task> out;
        for (std::size_t i = 0, n = mlm_output_task_count(o_); i < n; i++)
            out.push_back(mlm_output_task(o_, i));
        return out;
    }
    std::optional<tensor> result() const
    {
        const mlm_tensor *t = mlm_output_result(o_);
        if (!t)
            return std::nullopt;
        return tensor(t);
    }
    range<class_, mlm_class, mlm_output> classes() const
    {
        return {o_, &mlm_output_class_count, &mlm_output_class};
    }
    range<band, mlm_band, mlm_output> bands() const
    {
        return {o_, &mlm_output_band_count, &mlm_output_band};
    }
    std::string_view pointer() const noexcept { return detail::view(mlm_output_pointer(o_)); }
    const json_t *json() const noexcept { return mlm_output_json(o_); }

private:
    const mlm_output *o_;
};

class model;

/** An asset (assets, item_assets, the draft's runtime assets). */
class asset {
public:
    explicit asset(const mlm_asset *a) noexcept : a_(a) {}
    const mlm_asset *raw() const noexcept { return a_; }
    std::string_view key() const noexcept { return detail::view(mlm_asset_key(a_)); }
    std::string_view href() const noexcept { return detail::view(mlm_asset_href(a_)); }
    std::optional<std::string_view> type() const { return detail::opt(mlm_asset_type(a_)); }
    std::optional<std::string_view> title() const { return detail::opt(mlm_asset_title(a_)); }
    std::optional<std::string_view> description() const
    {
        return detail::opt(mlm_asset_description(a_));
    }
    mlm_asset_kind kind() const noexcept { return mlm_asset_kind_of(a_); }
    bool is_in_item_assets() const noexcept { return mlm_asset_is_in_item_assets(a_) == 1; }
    std::vector<std::string_view> roles() const
    {
        std::vector<std::string_view> out;
        for (std::size_t i = 0, n = mlm_asset_role_count(a_); i < n; i++)
            out.push_back(detail::view(mlm_asset_role(a_, i)));
        return out;
    }
    bool has_role(const std::string &role) const { return mlm_asset_has_role(a_, role.c_str()) == 1; }
    std::optional<std::string_view> artifact_type() const
    {
        return detail::opt(mlm_asset_artifact_type(a_));
    }
    /** The asset's own mlm: fields, key and value, in document order. */
    std::vector<member> mlm_fields() const { return members(mlm_asset_json(a_), MLM_MEMBERS_MLM); }
    /** The mlm: fields of the asset read as a model of their own. */
    inline model fields() const;
    std::string_view pointer() const noexcept { return detail::view(mlm_asset_pointer(a_)); }
    const json_t *json() const noexcept { return mlm_asset_json(a_); }

private:
    const mlm_asset *a_;
};

/** The typed model of a document (or of one asset's mlm: fields). */
class model {
public:
    explicit model(const mlm_model *m) noexcept : m_(m) {}
    const mlm_model *raw() const noexcept { return m_; }
    mlm_spec_version spec() const noexcept { return mlm_model_spec(m_); }
    std::optional<std::string_view> name() const { return detail::opt(mlm_model_name(m_)); }
    std::optional<std::string_view> architecture() const
    {
        return detail::opt(mlm_model_architecture(m_));
    }
    std::optional<std::string_view> framework() const
    {
        return detail::opt(mlm_model_framework(m_));
    }
    std::optional<std::string_view> framework_version() const
    {
        return detail::opt(mlm_model_framework_version(m_));
    }
    std::optional<std::int64_t> total_parameters() const
    {
        return detail::opt_number(&mlm_model_total_parameters, m_);
    }
    std::optional<std::int64_t> memory_size() const
    {
        return detail::opt_number(&mlm_model_memory_size, m_);
    }
    std::optional<bool> pretrained() const { return detail::opt_bool(&mlm_model_pretrained, m_); }
    std::optional<std::int64_t> batch_size_suggestion() const
    {
        return detail::opt_number(&mlm_model_batch_size_suggestion, m_);
    }
    mlm_accelerator accelerator() const noexcept { return mlm_model_accelerator(m_); }
    std::vector<mlm_task> tasks() const
    {
        std::vector<mlm_task> out;
        for (std::size_t i = 0, n = mlm_model_task_count(m_); i < n; i++)
            out.push_back(mlm_model_task(m_, i));
        return out;
    }
    range<input, mlm_input, mlm_model> inputs() const
    {
        return {m_, &mlm_model_input_count, &mlm_model_input};
    }
    range<output, mlm_output, mlm_model> outputs() const
    {
        return {m_, &mlm_model_output_count, &mlm_model_output};
    }
    range<asset, mlm_asset, mlm_model> assets() const
    {
        return {m_, &mlm_model_asset_count, &mlm_model_asset};
    }
    std::optional<asset> model_asset() const
    {
        const mlm_asset *a = mlm_model_find_model_asset(m_);
        if (!a)
            return std::nullopt;
        return asset(a);
    }
    /** Any field of the model object, told apart as absent, null or present. */
    mlm_presence field(const std::string &key, const json_t **value = nullptr) const
    {
        return mlm_model_field(m_, key.c_str(), value);
    }
    const json_t *json() const noexcept { return mlm_model_json(m_); }
    std::string_view pointer() const noexcept { return detail::view(mlm_model_pointer(m_)); }

private:
    const mlm_model *m_;
};

inline model asset::fields() const { return model(mlm_asset_fields(a_)); }

/** One finding of a validation. */
class diagnostic {
public:
    explicit diagnostic(const mlm_diagnostic *d) noexcept : d_(d) {}
    const mlm_diagnostic *raw() const noexcept { return d_; }
    mlm_severity severity() const noexcept { return d_->severity; }
    std::string_view severity_name() const noexcept { return mlm_severity_name(d_->severity); }
    std::string_view rule_id() const noexcept { return detail::view(d_->rule_id); }
    std::string_view pointer() const noexcept { return detail::view(d_->pointer); }
    /** 1-based line, or 0 when unknown. */
    int line() const noexcept { return d_->line; }
    /** 1-based column in characters, or 0 when unknown. */
    int column() const noexcept { return d_->column; }
    std::string_view message() const noexcept { return detail::view(d_->message); }
    std::optional<std::string_view> hint() const { return detail::opt(d_->hint); }

private:
    const mlm_diagnostic *d_;
};

/** The findings of mlm::document::validate(): an owner, and a range. */
class diagnostics {
public:
    explicit diagnostics(mlm_diagnostics *d) noexcept : d_(d) {}
    const mlm_diagnostics *raw() const noexcept { return d_.get(); }
    range<diagnostic, mlm_diagnostic, mlm_diagnostics> items() const
    {
        return {d_.get(), &mlm_diagnostics_count, &mlm_diagnostics_get};
    }
    auto begin() const { return items().begin(); }
    auto end() const { return items().end(); }
    std::size_t size() const noexcept { return mlm_diagnostics_count(d_.get()); }
    std::size_t count(mlm_severity s) const noexcept
    {
        return mlm_diagnostics_count_severity(d_.get(), s);
    }
    /** Errors, or with @p strict also warnings. */
    bool has_failures(bool strict = false) const noexcept
    {
        return mlm_diagnostics_has_failures(d_.get(), strict ? 1 : 0) == 1;
    }
    /** A further place a diagnostic names (see mlm_diagnostics_related()). */
    struct place {
        std::string_view pointer;
        int line;   /**< 1-based, 0 when unknown */
        int column; /**< 1-based, in characters, 0 when unknown */
    };
    /** The other places of diagnostic @p index, a finding said once for
     *  several positions of one list (empty for most); the views live as
     *  long as this owner. */
    std::vector<place> related(std::size_t index) const
    {
        std::vector<place> out(mlm_diagnostics_related_count(d_.get(), index));
        for (std::size_t k = 0; k < out.size(); k++) {
            const char *p = nullptr;
            mlm_diagnostics_related(d_.get(), index, k, &p, &out[k].line, &out[k].column);
            out[k].pointer = detail::view(p);
        }
        return out;
    }
    /** The sure correction of diagnostic @p index (borrowed, lives as long as
     *  this owner), or nullptr; see mlm_diagnostics_fix(). */
    const mlm_fix *fix(std::size_t index) const noexcept
    {
        return mlm_diagnostics_fix(d_.get(), index);
    }

private:
    std::unique_ptr<mlm_diagnostics, detail::diagnostics_free> d_;
};

/** A parsed or new STAC document: the owner of everything borrowed from it. */
class document {
public:
    /** Take ownership of a C document (not NULL). */
    explicit document(mlm_document *d) noexcept : d_(d) {}

    /** mlm_parse_file(): a path, or "-" for standard input. */
    static document parse_file(const std::string &path, const mlm_parse_options *opts = nullptr)
    {
        mlm_error e = MLM_ERROR_INIT;
        return adopt(mlm_parse_file(path.c_str(), opts, &e), e);
    }
    /** mlm_parse_location(): a path or an http(s) URL, as mlm-validate takes them. */
    static document parse_location(const std::string &location,
                                   const mlm_parse_options *opts = nullptr,
                                   const mlm_fetch_options *fetch = nullptr)
    {
        mlm_error e = MLM_ERROR_INIT;
        return adopt(mlm_parse_location(location.c_str(), opts, fetch, &e), e);
    }
    /** mlm_parse_buffer(): the text is copied. */
    static document parse_text(std::string_view text, const std::string &source = "<memory>",
                               const mlm_parse_options *opts = nullptr)
    {
        mlm_error e = MLM_ERROR_INIT;
        return adopt(mlm_parse_buffer(text.data(), text.size(), source.c_str(), opts, &e), e);
    }
    /** mlm_document_new(): an empty Item or Collection declaring @p version. */
    static document create(mlm_stac_type type, const std::string &id,
                           mlm_spec_version version = MLM_SPEC_UNKNOWN)
    {
        mlm_error e = MLM_ERROR_INIT;
        return adopt(mlm_document_new(type, id.c_str(), version, &e), e);
    }

    mlm_document *raw() noexcept { return d_.get(); }
    const mlm_document *raw() const noexcept { return d_.get(); }
    std::string_view source() const noexcept { return detail::view(mlm_document_source(raw())); }
    mlm_stac_type stac_type() const noexcept { return mlm_document_stac_type(raw()); }
    mlm_spec_version spec_version() const noexcept { return mlm_document_spec_version(raw()); }
    const json_t *json() const noexcept { return mlm_document_json(raw()); }
    /** The typed model (borrowed: valid until this document is freed or edited). */
    mlm::model model() const noexcept { return mlm::model(mlm_document_model(raw())); }

    /** mlm_validate(): an invalid document is not an exception. */
    diagnostics validate(const mlm_validate_options *opts = nullptr) const
    {
        mlm_error e = MLM_ERROR_INIT;
        mlm_diagnostics *d = mlm_validate(raw(), opts, &e);
        if (!d)
            throw error(e);
        return diagnostics(d);
    }

    /** The document as JSON text (mlm_document_dump). */
    std::string dump(unsigned flags = 0) const
    {
        mlm_error e = MLM_ERROR_INIT;
        std::unique_ptr<char, detail::text_free> text(mlm_document_dump(raw(), flags, &e));
        if (!text)
            throw error(e);
        return std::string(text.get());
    }

    /* Edits (mlm/writer.h): each invalidates every view taken before it. */
    void set_string(const std::string &key, const std::string &value)
    {
        edit([&](mlm_error *e) { return mlm_document_set_string(raw(), key.c_str(), value.c_str(), e); });
    }
    void set_integer(const std::string &key, std::int64_t value)
    {
        edit([&](mlm_error *e) { return mlm_document_set_integer(raw(), key.c_str(), value, e); });
    }
    void set_bool(const std::string &key, bool value)
    {
        edit([&](mlm_error *e) { return mlm_document_set_bool(raw(), key.c_str(), value ? 1 : 0, e); });
    }
    void remove_field(const std::string &key)
    {
        edit([&](mlm_error *e) { return mlm_document_remove_field(raw(), key.c_str(), e); });
    }
    /** Set the value at a JSON Pointer (mlm_document_set); @p value's reference is stolen. */
    void set(const std::string &pointer, json_t *value)
    {
        edit([&](mlm_error *e) { return mlm_document_set(raw(), pointer.c_str(), value, e); });
    }
    void set_tasks(const std::vector<mlm_task> &tasks)
    {
        edit([&](mlm_error *e) { return mlm_document_set_tasks(raw(), tasks.data(), tasks.size(), e); });
    }
    /** Append an input; returns its index. */
    std::size_t add_input(const std::string &name)
    {
        std::size_t i = 0;
        edit([&](mlm_error *e) { return mlm_document_add_input(raw(), name.c_str(), &i, e); });
        return i;
    }
    /** Append an output with its tasks; returns its index. */
    std::size_t add_output(const std::string &name, const std::vector<mlm_task> &tasks)
    {
        std::size_t i = 0;
        edit([&](mlm_error *e) {
            return mlm_document_add_output(raw(), name.c_str(), tasks.data(), tasks.size(), &i, e);
        });
        return i;
    }
    /** Append a class to output @p out (classification v1.1.0 wants a description). */
    void add_class(std::size_t out, std::int64_t value, const std::string &name,
                   const std::string &description)
    {
        edit([&](mlm_error *e) {
            return mlm_document_output_add_class(raw(), out, value, name.c_str(),
                                                 description.c_str(), e);
        });
    }
    /** Add or replace the asset @p key. */
    void add_asset(const std::string &key, const std::string &href, const std::string &type,
                   const std::vector<std::string> &roles)
    {
        std::vector<const char *> r;
        for (const std::string &s : roles)
            r.push_back(s.c_str());
        edit([&](mlm_error *e) {
            return mlm_document_add_asset(raw(), key.c_str(), href.c_str(),
                                          type.empty() ? nullptr : type.c_str(), r.data(),
                                          r.size(), e);
        });
    }
    /** Set a field of asset @p key; @p value's reference is stolen. */
    void asset_set(const std::string &key, const std::string &field, json_t *value)
    {
        edit([&](mlm_error *e) {
            return mlm_document_asset_set(raw(), key.c_str(), field.c_str(), value, e);
        });
    }

private:
    static document adopt(mlm_document *d, const mlm_error &e)
    {
        if (!d)
            throw error(e);
        return document(d);
    }
    template <class F>
    void edit(F f)
    {
        mlm_error e = MLM_ERROR_INIT;
        detail::check(f(&e), e);
    }

    std::unique_ptr<mlm_document, detail::document_free> d_;
};

/** Names of the C enums, as string_view. */
inline std::string_view name(mlm_task t) noexcept { return mlm_task_name(t); }
inline std::string_view name(mlm_accelerator a) noexcept { return mlm_accelerator_name(a); }
inline std::string_view name(mlm_data_type t) noexcept { return mlm_data_type_name(t); }
inline std::string_view name(mlm_asset_kind k) noexcept { return mlm_asset_kind_name(k); }
inline std::string_view name(mlm_spec_version v) noexcept { return mlm_spec_version_name(v); }
inline std::string_view name(mlm_severity s) noexcept { return mlm_severity_name(s); }
inline std::string_view name(mlm_stac_type t) noexcept { return mlm_stac_type_name(t); }

} // namespace mlm

#endif /* MLM_MLM_HPP */
