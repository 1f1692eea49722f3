// The value types and Metrics, without a running server.

#include "http/HttpServer.h"

#include <gtest/gtest.h>
#include <QJsonDocument>
#include <QJsonObject>

using namespace outpost::http;

namespace {

QJsonObject errorObject(const Response& response)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(response.body), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << response.body;
    return document.object().value(QStringLiteral("error")).toObject();
}

} // namespace

TEST(ServerHttpMessage, ErrorBodyIsEscapedJson)
{
    const std::string message = "quote \" backslash \\ newline \n tab \t bell \x07 \xC3\xA9t\xC3\xA9";
    const Response response = Response::error(422, "invalid_input", message);
    EXPECT_EQ(response.status, 422);
    EXPECT_EQ(response.contentType, "application/json");
    const QJsonObject error = errorObject(response);
    EXPECT_EQ(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_input"));
    EXPECT_EQ(error.value(QStringLiteral("message")).toString().toStdString(), message);
}

TEST(ServerHttpMessage, ErrorBodyReplacesInvalidUtf8)
{
    const Response response = Response::error(400, "bad", std::string("a\xFF\xC3(b"));
    const QJsonObject error = errorObject(response);
    EXPECT_EQ(error.value(QStringLiteral("message")).toString(), QStringLiteral(u"a\uFFFD\uFFFD(b"));
    EXPECT_EQ(response.body.find('\xFF'), std::string::npos);
}

TEST(ServerHttpMessage, JsonAndStreamHelpers)
{
    const Response json = Response::json(201, R"({"id":7})");
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.contentType, "application/json");
    EXPECT_EQ(json.body, R"({"id":7})");

    const Reply plain = Response::json(200, "{}");
    EXPECT_FALSE(plain.onStreamOpen);
    const Reply stream = Reply::stream([](std::shared_ptr<EventStream>) {});
    EXPECT_TRUE(stream.onStreamOpen);
    EXPECT_EQ(stream.response.status, 200);
    EXPECT_EQ(stream.response.contentType, "text/event-stream");
}

TEST(ServerHttpMessage, RequestLookups)
{
    Request request;
    request.headers["x-token"] = "abc";
    request.query["page"] = "2";
    EXPECT_EQ(request.header("x-token"), "abc");
    EXPECT_EQ(request.header("x-missing"), "");
    EXPECT_EQ(request.queryValue("page"), "2");
    EXPECT_EQ(request.queryValue("size"), "");
}

TEST(ServerHttpMetrics, RendersCountersAndGauges)
{
    Metrics metrics;
    metrics.describe("jobs_total", "counter", "Jobs run.");
    metrics.increment("jobs_total", Metrics::formatLabels({{"queue", "mail"}}));
    metrics.increment("jobs_total", R"({queue="mail"})", 2);
    metrics.increment("jobs_total", Metrics::formatLabels({{"queue", "sms"}}));
    metrics.set("temperature", 21.5);

    const std::string text = metrics.render();
    EXPECT_NE(text.find("# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("jobs_total{queue=\"mail\"} 3\n"), std::string::npos) << text;
    EXPECT_NE(text.find("jobs_total{queue=\"sms\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE temperature gauge\ntemperature 21.5\n"), std::string::npos) << text;
}

TEST(ServerHttpMetrics, RendersHistogramsCumulatively)
{
    Metrics metrics;
    metrics.observe("latency_seconds", 0.003, R"(route="/a")");
    metrics.observe("latency_seconds", 0.2, R"(route="/a")");
    metrics.observe("latency_seconds", 42, R"(route="/a")");

    const std::string text = metrics.render();
    EXPECT_NE(text.find("# TYPE latency_seconds histogram\n"), std::string::npos) << text;
    EXPECT_NE(text.find("latency_seconds_bucket{route=\"/a\",le=\"0.005\"} 1\n"), std::string::npos) << text;
    EXPECT_NE(text.find("latency_seconds_bucket{route=\"/a\",le=\"0.1\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{route=\"/a\",le=\"0.25\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{route=\"/a\",le=\"10\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_sum{route=\"/a\"} 42.203\n"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_count{route=\"/a\"} 3\n"), std::string::npos);
}

TEST(ServerHttpMetrics, EscapesLabelValues)
{
    EXPECT_EQ(Metrics::formatLabels({{"path", "a\"b\\c\nd"}, {"status", "200"}}),
              "path=\"a\\\"b\\\\c\\nd\",status=\"200\"");
}
