#pragma once

#include <QByteArray>
#include <QSqlResult>

struct pg_result;

namespace outpost {

class PgDriver;

// One statement on a PgDriver connection. prepare() only rewrites the SQL (Qt's positional '?' to $n);
// exec() prepares it on the connection the first time that text is seen and runs it: one round trip.
// The whole result is held (as libpq returns it), so fetch(i) is random access.
class PgResult final : public QSqlResult
{
public:
    explicit PgResult(const PgDriver* driver);
    ~PgResult() override;

    QVariant handle() const override;

protected:
    bool reset(const QString& query) override;
    bool prepare(const QString& query) override;
    bool exec() override;
    bool fetch(int i) override;
    bool fetchNext() override;
    bool fetchFirst() override;
    bool fetchLast() override;
    QVariant data(int i) override;
    bool isNull(int i) override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    void clearResult();
    // Takes `result` (may be null), sets the active/select state or the error; false on an error.
    bool take(pg_result* result, const QString& what);
    const PgDriver* pgDriver() const;

    pg_result* m_result = nullptr;
    QByteArray m_sql; // the prepared text, $n placeholders
    int m_rows = 0;
};

} // namespace outpost
