#include "profile/Workspace.h"

#include "contacts/ContactSearchTidier.h"
#include "mutations/MutationRegistry.h"
#include "replication/Replica.h"
#include "storage/ClientSchema.h"

#include <QLoggingCategory>
#include <QMutex>

namespace outpost {

Q_LOGGING_CATEGORY(lcWorkspace, "outpost.profile.workspace", QtWarningMsg)

Workspace::Workspace(ProfileInfo info, std::unique_ptr<Database> db, const Clock& clock)
    : m_info(std::move(info))
    , m_db(std::move(db))
    , m_clock(clock)
    , m_mutations(std::make_unique<MutationEngine>(*m_db, MutationRegistry::standard(), clock))
    , m_contacts(*m_db)
    , m_leadScores(std::make_unique<LeadScoreKeeper>(*m_db, clock))
    , m_searchTidier(std::make_unique<ContactSearchTidier>(*m_db))
{
    QObject::connect(m_mutations.get(), &MutationEngine::changed, m_leadScores.get(), &LeadScoreKeeper::apply);
    // Local changes and synced ones (the sync client announces through the engine) alike.
    QObject::connect(m_mutations.get(), &MutationEngine::changed, m_mutations.get(),
                     [tidier = m_searchTidier.get()](const EntityChanges& changes) {
                         for (const EntityChange& c : changes) {
                             if (c.entity == QLatin1String("contact")) {
                                 tidier->request();
                                 return;
                             }
                         }
                     });
}

Workspace::~Workspace()
{
    m_leadScores.reset();
    m_searchTidier.reset(); // before the database: it stops between two steps
    m_mutations.reset();
    m_db.reset();
}

Status Workspace::migrate(const ProfileInfo& info, const SecretBytes& key, std::function<void(int, int)> progress)
{
    Database::Options o;
    o.path = info.databasePath();
    o.key = key;
    o.migrations = clientMigrations();
    o.migrationProgress = std::move(progress);
    // One migration at a time in this process: an unlock abandoned while its migration ran (the user
    // cancelled) still runs it to the end; a second unlock waits for it here, on its worker, then finds
    // nothing pending, instead of failing on the first one's write lock after the busy timeout.
    static QMutex running;
    const QMutexLocker lock(&running);
    auto db = Database::open(std::move(o));
    if (!db)
        return db.error();
    // A first sync the app did not stop (it quit or crashed mid-way) left its bulk-loaded tables without their
    // indexes and the contacts without their search trigger: back they come before the profile is used.
    // Not a reason to refuse the profile (a full disk, another process holding the write lock): it opens as it
    // is, and the next stop or end of the bootstrap (or the next unlock) completes the steps, which repeat safely.
    Replica replica(*db.value(), MutationRegistry::standard(), RowCodecRegistry::standard());
    if (auto stopped = replica.stopBootstrap(); !stopped)
        qCWarning(lcWorkspace) << "could not restore the indexes of an interrupted first sync:" << stopped.message();
    return {}; // the database closes here, on this thread, with the connection it opened
}

Result<std::unique_ptr<Workspace>> Workspace::open(const ProfileInfo& info, const SecretBytes& key,
                                                   Database::OpenMode mode, const Clock& clock)
{
    Database::Options o;
    o.path = info.databasePath();
    o.key = key;
    o.mode = mode;
    o.migrations = clientMigrations();
    auto db = Database::open(std::move(o));
    if (!db)
        return db.error();
    std::unique_ptr<Workspace> ws(new Workspace(info, std::move(db.value()), clock));
    if (Status s = ws->m_mutations->initialize(); !s)
        return s.error();
    return ws;
}

} // namespace outpost
