#pragma once

// Splits an HTTP request-target ("/v1/items/a%20b?x=1&y=%C3%A9") into a decoded path and query map.

#include <map>
#include <string>
#include <string_view>

namespace outpost::http::detail {

struct RequestTarget
{
    std::string path;
    std::map<std::string, std::string> query;
};

// Percent-decodes `in`; with `plusIsSpace` (query strings) '+' becomes ' '. False on a malformed escape.
bool percentDecode(std::string_view in, bool plusIsSpace, std::string& out);

// Accepts origin-form ("/a/b?q") and absolute-form ("https://host/a/b?q"). Rejects malformed escapes, NUL
// bytes and "." / ".." path segments (so "/v1/files/*" handlers never see a traversal). Repeated query keys
// keep their first value. False with `error` set when the target is unusable.
bool parseRequestTarget(std::string_view target, RequestTarget& out, std::string* error);

} // namespace outpost::http::detail
