#pragma once

#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "pipeline/Pipeline.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

#include <gtest/gtest.h>

namespace outpost::test {

inline QStringList strings(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* i : items)
        out << QString::fromUtf8(i);
    return out;
}

// A test profile with the mutation engine, and helpers for pipelines, deals and tasks.
class PipelineFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        engine->setActor(QStringLiteral("alice"));
    }

    Result<Mutation> submit(const QString& name, const QJsonObject& args) { return engine->submit(name, args); }

    void mustSubmit(const QString& name, const QJsonObject& args)
    {
        auto m = submit(name, args);
        ASSERT_TRUE(m.ok()) << name.toStdString() << ": " << m.message().toStdString();
    }

    QString createDeal(const QString& title, qint64 amountMinor, const QString& currency = QStringLiteral("EUR"),
                       const QString& stageId = defaultpipeline::kQualification,
                       std::optional<qint64> expectedCloseAt = std::nullopt)
    {
        const QString id = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), id},
                         {QStringLiteral("title"), title},
                         {QStringLiteral("pipelineId"), defaultpipeline::kPipelineId},
                         {QStringLiteral("stageId"), stageId},
                         {QStringLiteral("amountMinor"), double(amountMinor)},
                         {QStringLiteral("currency"), currency},
                         {QStringLiteral("ownerId"), QStringLiteral("alice")}};
        if (expectedCloseAt)
            args.insert(QStringLiteral("expectedCloseAt"), double(*expectedCloseAt));
        auto m = submit(QStringLiteral("deal.create"), args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }

    QString text(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toString();
    }

    TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
};

} // namespace outpost::test
