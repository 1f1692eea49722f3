#pragma once

#include "util/Result.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>

namespace outpost {

class Workspace;
struct Contact;
struct DemoContact;

// Fills a profile with generated demo data, fast: generation runs on a second thread while the
// first inserts in large transactions. Demo rows are local (not queued for sync); one audit entry
// records what was generated.
class DemoDataLoader
{
    Q_DECLARE_TR_FUNCTIONS(DemoDataLoader)
public:
    struct Options
    {
        quint64 seed = 2026;
        qint64 contacts = 1000;
        qint64 firstIndex = 0;  // generator index of the first contact (to add more to an existing demo)
        int batchSize = 20000;
    };
    // All contacts are added in one transaction: a cancel (checked between batches) or a crash adds
    // nothing. progress(done, total) is called between batches on the calling thread.
    // A generated person as a new contact with a fresh id.
    static Contact toContact(const DemoContact& person);

    static Result<qint64> loadContacts(Workspace& workspace, const Options& options,
                                       const std::function<void(qint64, qint64)>& progress = {},
                                       const std::atomic_bool* cancel = nullptr);
};

} // namespace outpost
