// Metrics: in-memory counters, gauges and histograms rendered in the Prometheus text exposition format
// (version 0.0.4).

#include "http/HttpServer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <mutex>

namespace outpost::http {

namespace {

constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

std::string formatNumber(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

// Accepts `a="b",c="d"` or `{a="b",c="d"}`.
std::string normalizeLabels(const std::string& labels)
{
    std::string_view view(labels);
    while (!view.empty() && (view.front() == ' ' || view.front() == '{'))
        view.remove_prefix(1);
    while (!view.empty() && (view.back() == ' ' || view.back() == '}'))
        view.remove_suffix(1);
    return std::string(view);
}

std::string seriesName(const std::string& name, const std::string& labels)
{
    return labels.empty() ? name : name + '{' + labels + '}';
}

std::string escapeHelp(const std::string& help)
{
    std::string out;
    for (const char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out.push_back(c);
    }
    return out;
}

} // namespace

struct Metrics::Impl
{
    struct Series
    {
        double value = 0;
        std::array<std::uint64_t, kBuckets.size()> buckets{}; // per bucket, not cumulative
        double sum = 0;
        std::uint64_t count = 0;
    };
    struct Family
    {
        std::string type;
        std::string help;
        std::map<std::string, Series> series;
    };

    Family& family(const std::string& name, const char* defaultType)
    {
        Family& f = families[name];
        if (f.type.empty())
            f.type = defaultType;
        return f;
    }

    mutable std::mutex mutex;
    std::map<std::string, Family> families;
};

Metrics::Metrics()
    : d(std::make_unique<Impl>())
{}

Metrics::~Metrics() = default;

std::string Metrics::formatLabels(const std::vector<std::pair<std::string, std::string>>& pairs)
{
    std::string out;
    for (const auto& [name, value] : pairs) {
        if (!out.empty())
            out.push_back(',');
        out += name;
        out += "=\"";
        for (const char c : value) {
            if (c == '\\')
                out += "\\\\";
            else if (c == '"')
                out += "\\\"";
            else if (c == '\n')
                out += "\\n";
            else
                out.push_back(c);
        }
        out.push_back('"');
    }
    return out;
}

void Metrics::increment(const std::string& name, const std::string& labels, double by)
{
    const std::string key = normalizeLabels(labels);
    const std::lock_guard lock(d->mutex);
    d->family(name, "counter").series[key].value += by;
}

void Metrics::set(const std::string& name, double value, const std::string& labels)
{
    const std::string key = normalizeLabels(labels);
    const std::lock_guard lock(d->mutex);
    d->family(name, "gauge").series[key].value = value;
}

void Metrics::observe(const std::string& name, double seconds, const std::string& labels)
{
    const std::string key = normalizeLabels(labels);
    const std::lock_guard lock(d->mutex);
    Impl::Series& series = d->family(name, "histogram").series[key];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++series.buckets[i];
            break;
        }
    }
    series.sum += seconds;
    ++series.count;
}

void Metrics::describe(const std::string& name, const std::string& type, const std::string& help)
{
    const std::lock_guard lock(d->mutex);
    Impl::Family& family = d->families[name];
    family.type = type;
    family.help = help;
}

std::string Metrics::render() const
{
    std::string out;
    const std::lock_guard lock(d->mutex);
    for (const auto& [name, family] : d->families) {
        if (!family.help.empty())
            out += "# HELP " + name + ' ' + escapeHelp(family.help) + '\n';
        out += "# TYPE " + name + ' ' + (family.type.empty() ? std::string("untyped") : family.type) + '\n';
        for (const auto& [labels, series] : family.series) {
            if (family.type != "histogram") {
                out += seriesName(name, labels) + ' ' + formatNumber(series.value) + '\n';
                continue;
            }
            const std::string prefix = labels.empty() ? std::string() : labels + ',';
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += series.buckets[i];
                out += name + "_bucket{" + prefix + "le=\"" + formatNumber(kBuckets[i]) + "\"} " +
                       std::to_string(cumulative) + '\n';
            }
            out += name + "_bucket{" + prefix + "le=\"+Inf\"} " + std::to_string(series.count) + '\n';
            out += seriesName(name + "_sum", labels) + ' ' + formatNumber(series.sum) + '\n';
            out += seriesName(name + "_count", labels) + ' ' + std::to_string(series.count) + '\n';
        }
    }
    return out;
}

} // namespace outpost::http
