#include "http/detail/Router.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace outpost::http::detail {

namespace {

std::string upperCase(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

bool isWildcard(const std::string& pattern)
{
    return !pattern.empty() && pattern.back() == '*';
}

bool wildcardMatches(const std::string& pattern, const std::string& path)
{
    const std::string_view prefix(pattern.data(), pattern.size() - 1);
    return path.size() > prefix.size() && std::string_view(path).substr(0, prefix.size()) == prefix;
}

} // namespace

void Router::add(const std::string& method, const std::string& path, Handler handler)
{
    if (isWildcard(path)) {
        if (m_wildcard.find(path) == m_wildcard.end()) {
            m_wildcardOrder.push_back(path);
            std::stable_sort(m_wildcardOrder.begin(), m_wildcardOrder.end(),
                             [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        }
        m_wildcard[path][upperCase(method)] = std::move(handler);
    } else {
        m_exact[path][upperCase(method)] = std::move(handler);
    }
}

bool Router::contains(const std::string& method, const std::string& path) const
{
    const auto& table = isWildcard(path) ? m_wildcard : m_exact;
    const auto it = table.find(path);
    return it != table.end() && it->second.count(upperCase(method)) > 0;
}

RouteMatch Router::match(const std::string& method, const std::string& path) const
{
    RouteMatch result;
    std::set<std::string> allowed;
    const auto consider = [&](const std::string& pattern, const MethodMap& methods) {
        const auto found = methods.find(method);
        if (found != methods.end()) {
            result.kind = RouteMatch::Kind::Found;
            result.handler = found->second;
            result.pattern = pattern;
            return true;
        }
        if (result.pattern.empty())
            result.pattern = pattern;
        for (const auto& entry : methods)
            allowed.insert(entry.first);
        return false;
    };

    const auto exact = m_exact.find(path);
    if (exact != m_exact.end() && consider(exact->first, exact->second))
        return result;
    for (const std::string& pattern : m_wildcardOrder) {
        if (wildcardMatches(pattern, path) && consider(pattern, m_wildcard.at(pattern)))
            return result;
    }
    if (allowed.empty()) {
        result.kind = RouteMatch::Kind::NotFound;
        result.pattern.clear();
        return result;
    }
    result.kind = RouteMatch::Kind::MethodNotAllowed;
    for (const std::string& name : allowed) {
        if (!result.allow.empty())
            result.allow += ", ";
        result.allow += name;
    }
    return result;
}

} // namespace outpost::http::detail
