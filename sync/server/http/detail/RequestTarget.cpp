#include "http/detail/RequestTarget.h"

namespace outpost::http::detail {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool hasDotSegment(std::string_view path)
{
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "." || segment == "..")
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace

bool percentDecode(std::string_view in, bool plusIsSpace, std::string& out)
{
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            const int high = hexValue(in[i + 1]);
            const int low = hexValue(in[i + 2]);
            if (high < 0 || low < 0)
                return false;
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return true;
}

bool parseRequestTarget(std::string_view target, RequestTarget& out, std::string* error)
{
    const auto fail = [&](const char* message) {
        if (error)
            *error = message;
        return false;
    };
    if (target.empty())
        return fail("empty request target");

    // absolute-form: drop scheme and authority.
    for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (target.size() >= scheme.size() && target.substr(0, scheme.size()) == scheme) {
            const std::size_t slash = target.find_first_of("/?", scheme.size());
            target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
            if (!target.empty() && target.front() == '?')
                return fail("absolute request target without a path");
            break;
        }
    }
    if (target.front() != '/')
        return fail("request target must start with '/'");

    const std::size_t hash = target.find('#');
    if (hash != std::string_view::npos)
        target = target.substr(0, hash);

    const std::size_t question = target.find('?');
    const std::string_view rawPath = target.substr(0, question);
    if (!percentDecode(rawPath, false, out.path))
        return fail("malformed percent-encoding in the request path");
    if (out.path.find('\0') != std::string::npos)
        return fail("NUL byte in the request path");
    if (hasDotSegment(out.path))
        return fail("'.' and '..' path segments are not allowed");

    out.query.clear();
    if (question == std::string_view::npos)
        return true;
    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (pair.empty())
            continue;
        const std::size_t equals = pair.find('=');
        std::string key;
        std::string value;
        if (!percentDecode(pair.substr(0, equals), true, key))
            return fail("malformed percent-encoding in the query string");
        if (equals != std::string_view::npos && !percentDecode(pair.substr(equals + 1), true, value))
            return fail("malformed percent-encoding in the query string");
        if (key.empty())
            continue;
        out.query.emplace(std::move(key), std::move(value));
    }
    return true;
}

} // namespace outpost::http::detail
