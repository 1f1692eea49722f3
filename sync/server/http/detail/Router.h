#pragma once

// (method, path) → handler. Exact paths win over wildcard routes ("/v1/items/*" = any non-empty remainder
// after "/v1/items/", slashes included); among wildcards the longest prefix wins.

#include "http/HttpServer.h"

#include <map>
#include <string>
#include <vector>

namespace outpost::http::detail {

struct RouteMatch
{
    enum class Kind
    {
        Found,
        NotFound,
        MethodNotAllowed
    };
    Kind kind = Kind::NotFound;
    Handler handler;     // Found
    std::string pattern; // the registered path, used as the metrics "route" label; empty if NotFound
    std::string allow;   // MethodNotAllowed: "GET, POST"
};

class Router
{
public:
    void add(const std::string& method, const std::string& path, Handler handler);
    bool contains(const std::string& method, const std::string& path) const;
    RouteMatch match(const std::string& method, const std::string& path) const;

private:
    using MethodMap = std::map<std::string, Handler>;
    std::map<std::string, MethodMap> m_exact;
    // Wildcard routes, keyed by the pattern; sorted by prefix length (longest first) in m_wildcardOrder.
    std::map<std::string, MethodMap> m_wildcard;
    std::vector<std::string> m_wildcardOrder;
};

} // namespace outpost::http::detail
