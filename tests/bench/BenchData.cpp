#include "BenchData.h"

#include "contacts/ContactSearchTidier.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "profile/ProfileInfo.h"
#include "util/Uuid.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace outpost::bench {

qint64 contactCount()
{
    const qint64 n = qEnvironmentVariableIntValue("OUTPOST_BENCH_CONTACTS");
    return n > 0 ? n : 1'000'000;
}

namespace {
BenchProfile g_profiles[2];
} // namespace

void releaseProfiles()
{
    for (BenchProfile& p : g_profiles)
        p.workspace.reset();
}

BenchProfile& profile(bool encrypted)
{
    BenchProfile& p = g_profiles[encrypted ? 1 : 0];
    if (p.workspace)
        return p;
    ProfileInfo info;
    info.dir = p.dir.path();
    info.id = newUuidV7();
    info.name = encrypted ? QStringLiteral("bench-encrypted") : QStringLiteral("bench-plain");
    // The same driver and schema; plain = no key (SQLite without encryption).
    const SecretBytes key = encrypted ? SecretBytes::random(32) : SecretBytes();
    auto ws = Workspace::open(info, key, Database::OpenMode::CreateNew);
    if (!ws) {
        std::fprintf(stderr, "cannot create bench profile: %s\n", qPrintable(ws.message()));
        std::abort();
    }
    p.workspace = std::move(ws.value());
    QElapsedTimer t;
    t.start();
    DemoDataLoader::Options o;
    o.contacts = contactCount();
    o.seed = 7;
    auto loaded = DemoDataLoader::loadContacts(*p.workspace, o);
    if (!loaded) {
        std::fprintf(stderr, "cannot fill bench profile: %s\n", qPrintable(loaded.message()));
        std::abort();
    }
    (void)p.workspace->database().checkpoint();
    p.loadSeconds = double(t.nsecsElapsed()) / 1e9;
    if (!qEnvironmentVariableIsSet("OUTPOST_BENCH_UNTIDY")) {
        t.restart();
        QSqlDatabase conn = p.workspace->database().connection();
        if (Status s = ContactSearchTidier::tidy(conn); !s) {
            std::fprintf(stderr, "cannot tidy the search index: %s\n", qPrintable(s.message()));
            std::abort();
        }
        p.tidySeconds = double(t.nsecsElapsed()) / 1e9;
        (void)p.workspace->database().checkpoint();
    }
    p.fileBytes = QFileInfo(info.databasePath()).size();
    return p;
}

QStringList typedSearches(int people)
{
    const DemoDataGenerator gen(99);
    QStringList out;
    for (int i = 0; i < people; ++i) {
        const DemoContact c = gen.contact(i * 7919);
        // Alternate what people type: a first name, a last name, "first last", an e-mail.
        QString target;
        switch (i % 4) {
        case 0: target = c.firstName; break;
        case 1: target = c.lastName; break;
        case 2: target = c.firstName + QLatin1Char(' ') + c.lastName.left(3); break;
        default: target = c.email.left(12); break;
        }
        for (int len = 1; len <= std::min<qsizetype>(target.size(), 8); ++len)
            out << target.left(len);
    }
    return out;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t idx = std::min(values.size() - 1, static_cast<size_t>(p * double(values.size() - 1) + 0.5));
    return values[idx];
}

} // namespace outpost::bench
