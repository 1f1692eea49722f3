#include "demo/DemoDataLoader.h"

#include "audit/AuditLog.h"
#include "contacts/ContactBulkLoader.h"
#include "demo/DemoDataGenerator.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace outpost {

namespace {

// A small bounded hand-over queue between the generating thread and the inserting one.
class BatchQueue
{
public:
    explicit BatchQueue(size_t capacity) : m_capacity(capacity) {}

    bool push(QList<Contact>&& batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_queue.size() < m_capacity || m_closed; });
        if (m_closed)
            return false;
        m_queue.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }
    bool pop(QList<Contact>* out)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_queue.empty() || m_finished || m_closed; });
        if (m_queue.empty())
            return false;
        *out = std::move(m_queue.front());
        m_queue.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_notEmpty.notify_all();
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty;
    std::deque<QList<Contact>> m_queue;
    size_t m_capacity;
    bool m_finished = false;
    bool m_closed = false;
};

} // namespace

Contact DemoDataLoader::toContact(const DemoContact& d)
{
    Contact c;
    // Fresh, rising UUIDv7s: the id index grows at its right edge instead of at random.
    c.id = newUuidV7();
    c.firstName = d.firstName;
    c.lastName = d.lastName;
    c.email = d.email;
    c.phone = d.phone;
    c.company = d.company;
    c.street = d.street;
    c.postalCode = d.postalCode;
    c.city = d.city;
    c.country = d.country;
    c.notes = d.notes;
    c.createdAt = d.createdAtMs;
    return c;
}

Result<qint64> DemoDataLoader::loadContacts(Workspace& workspace, const Options& options,
                                            const std::function<void(qint64, qint64)>& progress,
                                            const std::atomic_bool* cancel)
{
    if (options.contacts < 0 || options.batchSize <= 0)
        return Error(ErrorCode::InvalidArgument, tr("The number of demo contacts must be zero or more."));

    const DemoDataGenerator generator(options.seed);
    const qint64 total = options.contacts;
    const qint64 createdBase = workspace.clock().nowMs();
    BatchQueue queue(2);

    std::thread producer([&] {
        for (qint64 start = 0; start < total; start += options.batchSize) {
            const qint64 end = std::min(total, start + options.batchSize);
            QList<Contact> batch;
            batch.reserve(end - start);
            for (qint64 i = start; i < end; ++i) {
                Contact c = toContact(generator.contact(options.firstIndex + i));
                c.updatedAt = createdBase;
                batch.append(std::move(c));
            }
            if (!queue.push(std::move(batch)))
                return;
        }
        queue.finish();
    });

    ContactBulkLoader loader(workspace.database(), total, QStringLiteral("demo"));
    Status status = loader.start();
    qint64 done = 0;
    bool cancelled = false;
    QList<Contact> batch;
    while (status && queue.pop(&batch)) {
        status = loader.add(batch);
        done = loader.added();
        if (status && progress)
            progress(done, total);
        if (cancel && cancel->load()) {
            cancelled = true;
            break;
        }
    }
    queue.close();
    producer.join();
    if (!status)
        return status.error();
    if (cancelled)
        return Error(ErrorCode::Cancelled, tr("Generating demo data was cancelled; nothing was added."));

    // One audit entry for the whole load, in the same transaction.
    QSqlDatabase conn = workspace.database().connection();
    AuditEntry e;
    e.at = workspace.clock().nowMs();
    e.actor = workspace.mutations().actor();
    e.deviceId = workspace.mutations().deviceId();
    e.mutationId = newUuidV7();
    e.mutation = QStringLiteral("demo.generate@1");
    e.entity = QStringLiteral("contact");
    e.entityId = QStringLiteral("*");
    e.action = QStringLiteral("generate");
    e.after = QJsonDocument(QJsonObject{{QStringLiteral("contacts"), done},
                                        {QStringLiteral("seed"), QString::number(options.seed)},
                                        {QStringLiteral("firstIndex"), options.firstIndex}})
                  .toJson(QJsonDocument::Compact);
    if (Status s = AuditLog::append(conn, e); !s)
        return s.error();
    if (Status s = loader.finish(); !s)
        return s.error();
    return done;
}

} // namespace outpost
