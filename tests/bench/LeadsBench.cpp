// Rescoring every lead after a rule change, in an encrypted profile: OUTPOST_BENCH_LEADS leads (default 100,000),
// three activities each (calls, e-mails, meetings over the last 90 days, on the lead or on its linked contact),
// four profile rules and three behaviour rules with decay. Each iteration changes one rule's points (all leads
// with a phone change score) and runs LeadScores::rescoreAll as the Leads page does after a rule edit.
// Target (issue 3): at most 10 s for all leads.
#include "leads/LeadScores.h"
#include "profile/Workspace.h"
#include "ProcStatus.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <benchmark/benchmark.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace outpost;

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kNow = 1'767'225'600'000;

qint64 leadCount()
{
    const qint64 n = qEnvironmentVariableIntValue("OUTPOST_BENCH_LEADS");
    return n > 0 ? n : 100'000;
}

struct Profile
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    ScoringRule phoneRule;
    double loadSeconds = 0;
};

void insertRule(QSqlDatabase& db, const ScoringRule& r)
{
    if (Status s = scoringrulesql::write(db, r, kNow, kNow, QStringLiteral("bench")); !s)
        qFatal("rule: %s", qPrintable(s.message()));
}

ScoringRule rule(const char* kind, const char* label, int points)
{
    ScoringRule r;
    r.id = newUuidV7();
    r.kind = QLatin1String(kind);
    r.label = QLatin1String(label);
    r.points = points;
    return r;
}

Profile& profile()
{
    static Profile made = [] {
        Profile p;
        ProfileInfo info;
        info.id = newUuidV7();
        info.name = QStringLiteral("Bench");
        info.dir = p.dir.path();
        static ManualClock clock(kNow);
        auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew, clock);
        if (!ws)
            qFatal("open: %s", qPrintable(ws.message()));
        p.workspace = std::move(ws.value());
        QSqlDatabase db = p.workspace->database().connection();
        QElapsedTimer t;
        t.start();
        Transaction tx(db);
        QSqlQuery lead(db), act(db);
        lead.prepare(QStringLiteral("INSERT INTO leads(id, first_name, last_name, email, phone, company, job_title, source, "
                                    "contact_id, created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"));
        act.prepare(QStringLiteral("INSERT INTO activities(id, kind, subject_type, subject_id, occurred_at, title, "
                                   "created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?)"));
        static const char* kinds[] = {"call", "email", "meeting", "email"};
        static const char* sources[] = {"web form", "trade fair", "referral", "campaign"};
        const qint64 n = leadCount();
        for (qint64 i = 0; i < n; ++i) {
            const QString id = newUuidV7(kNow - 400 * kDay + i);
            const QString contact = i % 4 == 0 ? newUuidV7(kNow - 500 * kDay + i) : QString();
            for (const QVariant& v :
                 {QVariant(id), QVariant(QStringLiteral("First%1").arg(i)), QVariant(QStringLiteral("Last%1").arg(i)),
                  QVariant(QStringLiteral("lead%1@example.org").arg(i)),
                  QVariant(i % 3 ? QStringLiteral("+49 30 %1").arg(i) : QString()),
                  QVariant(i % 2 ? QStringLiteral("Company %1").arg(i % 5000) : QString()),
                  QVariant(i % 7 == 0 ? QStringLiteral("Director") : QStringLiteral("Engineer")),
                  QVariant(QLatin1String(sources[i % 4])), QVariant(contact), QVariant(kNow), QVariant(kNow),
                  QVariant(QStringLiteral("bench"))})
                lead.addBindValue(v);
            if (!lead.exec())
                qFatal("lead insert failed");
            for (int a = 0; a < 3; ++a) {
                const bool onContact = !contact.isEmpty() && a == 2;
                for (const QVariant& v :
                     {QVariant(newUuidV7()), QVariant(QLatin1String(kinds[(i + a) % 4])),
                      QVariant(onContact ? QStringLiteral("contact") : QStringLiteral("lead")),
                      QVariant(onContact ? contact : id), QVariant(kNow - ((i * 7 + a * 31) % 90) * kDay),
                      QVariant(QStringLiteral("Touch")), QVariant(kNow), QVariant(kNow), QVariant(QStringLiteral("bench"))})
                    act.addBindValue(v);
                if (!act.exec())
                    qFatal("activity insert failed");
            }
        }
        p.phoneRule = rule("fit", "Has a phone", 10);
        p.phoneRule.field = QStringLiteral("phone");
        p.phoneRule.test = QStringLiteral("present");
        insertRule(db, p.phoneRule);
        ScoringRule company = rule("fit", "No company", -10);
        company.field = QStringLiteral("company");
        company.test = QStringLiteral("missing");
        insertRule(db, company);
        ScoringRule director = rule("fit", "Decision maker", 20);
        director.field = QStringLiteral("jobTitle");
        director.test = QStringLiteral("contains");
        director.value = QStringLiteral("director");
        insertRule(db, director);
        ScoringRule fair = rule("fit", "Met at a trade fair", 15);
        fair.field = QStringLiteral("source");
        fair.test = QStringLiteral("equals");
        fair.value = QStringLiteral("trade fair");
        insertRule(db, fair);
        ScoringRule calls = rule("behaviour", "Calls", 10);
        calls.activityKind = QStringLiteral("call");
        calls.halfLifeDays = 14;
        insertRule(db, calls);
        ScoringRule mails = rule("behaviour", "E-mails this month", 5);
        mails.activityKind = QStringLiteral("email");
        mails.windowDays = 30;
        insertRule(db, mails);
        ScoringRule meetings = rule("behaviour", "Meetings", 25);
        meetings.activityKind = QStringLiteral("meeting");
        meetings.halfLifeDays = 30;
        meetings.maxPoints = 50;
        insertRule(db, meetings);
        if (Status s = tx.commit(); !s)
            qFatal("commit: %s", qPrintable(s.message()));
        auto first = LeadScores::rescoreAll(db, kNow, QStringLiteral("rules"));
        if (!first)
            qFatal("first scoring: %s", qPrintable(first.message()));
        p.loadSeconds = t.elapsed() / 1000.0;
        return p;
    }();
    return made;
}

void BM_RescoreAllAfterRuleChange(benchmark::State& state)
{
    Profile& p = profile();
    QSqlDatabase db = p.workspace->database().connection();
    qint64 changed = 0, scanned = 0;
    int flip = 0;
    for (auto _ : state) {
        state.PauseTiming();
        p.phoneRule.points = ++flip % 2 ? 25 : 10;
        insertRule(db, p.phoneRule);
        state.ResumeTiming();
        auto r = LeadScores::rescoreAll(db, kNow, QStringLiteral("rules"));
        if (!r)
            state.SkipWithError(qPrintable(r.message()));
        else {
            changed = r->changed;
            scanned = r->scanned;
        }
    }
    state.counters["leads"] = double(scanned);
    state.counters["changed"] = double(changed);
    state.counters["load_s"] = p.loadSeconds;
    state.counters["peak_MiB"] = bench::procStatusMiB("VmHWM");
    state.SetLabel("sqlcipher");
}
BENCHMARK(BM_RescoreAllAfterRuleChange)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    profile().workspace.reset();
    benchmark::Shutdown();
    return 0;
}
