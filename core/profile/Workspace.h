#pragma once

#include "contacts/ContactRepository.h"
#include "leads/LeadScores.h"
#include "mutations/MutationEngine.h"
#include "profile/ProfileInfo.h"
#include "storage/Database.h"

#include <memory>

namespace outpost {

class ContactSearchTidier;

// An unlocked profile: its database and the services on top of it.
class Workspace
{
    Q_DECLARE_TR_FUNCTIONS(Workspace)
public:
    // Opens the profile's database with `key` (OpenExisting) or creates it (CreateNew).
    static Result<std::unique_ptr<Workspace>> open(const ProfileInfo& info, const SecretBytes& key,
                                                   Database::OpenMode mode = Database::OpenMode::OpenExisting,
                                                   const Clock& clock = Clock::system());
    ~Workspace();

    // Runs the profile's pending migrations and closes the database again: for a worker thread, ahead of
    // open() on the UI thread (a migration that rebuilds an index takes tens of seconds at 1,000,000
    // contacts). Each migration is one transaction: one that fails or is interrupted leaves the profile at
    // the previous step, and the next open runs it again. `progress` is Database::Options::migrationProgress.
    // It also repairs a first sync the app did not stop cleanly (Replica::stopBootstrap: its indexes back).
    static Status migrate(const ProfileInfo& info, const SecretBytes& key,
                          std::function<void(int step, int steps)> progress = {});

    const ProfileInfo& info() const { return m_info; }
    Database& database() { return *m_db; }
    MutationEngine& mutations() { return *m_mutations; }
    ContactRepository& contacts() { return m_contacts; }
    // Keeps lead scores current with every local and synced change (see LeadScoreKeeper).
    LeadScoreKeeper& leadScores() { return *m_leadScores; }
    ContactSearchTidier& searchTidier() { return *m_searchTidier; }
    const Clock& clock() const { return m_clock; }

private:
    Workspace(ProfileInfo info, std::unique_ptr<Database> db, const Clock& clock);

    ProfileInfo m_info;
    std::unique_ptr<Database> m_db;
    const Clock& m_clock;
    std::unique_ptr<MutationEngine> m_mutations;
    ContactRepository m_contacts;
    std::unique_ptr<LeadScoreKeeper> m_leadScores;
    std::unique_ptr<ContactSearchTidier> m_searchTidier; // merges the search index's segments after changes
};

} // namespace outpost
