// Request, Response and Reply: the plain value types handlers see.

#include "http/detail/Json.h"
#include "http/HttpServer.h"

namespace outpost::http {

std::string Request::header(const std::string& lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::queryValue(const std::string& name) const
{
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

Response Response::error(int status, const std::string& code, const std::string& message)
{
    std::string body = "{\"error\":{\"code\":";
    detail::appendJsonString(body, code);
    body += ",\"message\":";
    detail::appendJsonString(body, message);
    body += "}}";
    return json(status, std::move(body));
}

Response Response::json(int status, std::string body)
{
    Response response;
    response.status = status;
    response.contentType = "application/json";
    response.body = std::move(body);
    return response;
}

Reply Reply::stream(std::function<void(std::shared_ptr<EventStream>)> onOpen)
{
    Response response;
    response.status = 200;
    response.contentType = "text/event-stream";
    Reply reply(std::move(response));
    reply.onStreamOpen = std::move(onOpen);
    return reply;
}

} // namespace outpost::http
