#pragma once

#include <QByteArray>
#include <QSqlError>
#include <QSqlResult>
#include <QVariant>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace outpost {

class SqlCipherDriver;

// One prepared statement. Forward-only queries stream rows straight from sqlite3_step(); scrollable
// queries keep the rows they have stepped over so seek()/previous() work.
class SqlCipherResult final : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;

protected:
    bool reset(const QString& query) override;
    bool prepare(const QString& query) override;
    // Positional values are kept here, not through QSqlResult's bookkeeping: it formats a placeholder name
    // per bound value (an allocation and a hash insert each; a tenth of a server push went there).
    // So QSqlQuery::boundValues() does not list values bound by position (nothing here reads it).
    bool savePrepare(const QString& query) override;
    void bindValue(int pos, const QVariant& value, QSql::ParamType type) override;
    using QSqlResult::bindValue;
    bool exec() override;
    bool fetch(int i) override;
    bool fetchNext() override;
    bool fetchFirst() override;
    bool fetchLast() override;
    QVariant data(int i) override;
    bool isNull(int i) override;
    int size() override;
    int numRowsAffected() override;
    QVariant lastInsertId() const override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    void finalize();
    bool step();            // advances the statement; on a row, fills m_current
    void readRow();
    void setSqliteError(const QString& what, int rc, QSqlError::ErrorType type);
    bool bindValues();

    sqlite3* db() const;
    // Binds `utf8` at `index` (1-based) without a copy, keeping it in m_text.
    int bindText(int index, QByteArray utf8);

    const SqlCipherDriver* cipherDriver() const;

    sqlite3_stmt* m_stmt = nullptr;
    QByteArray m_sql; // m_stmt's text: the key it goes back to the driver's idle statements under
    int m_columns = 0;
    bool m_pendingRow = false;   // exec() stepped onto the first row; not handed out yet
    bool m_done = true;          // the statement has no more rows
    int m_rowsAffected = -1;
    qint64 m_lastInsertId = 0;
    QVariantList m_current;
    QVariantList m_values; // bound by position
    // The UTF-8 of the text values bound for the current execution: bound without a copy (SQLITE_STATIC), so
    // they live until the bindings are cleared. Converting here is several times cheaper than binding UTF-16 and
    // letting SQLite translate and copy it (the database is UTF-8).
    std::vector<QByteArray> m_text;
    std::vector<QVariantList> m_cache; // scrollable mode only
};

} // namespace outpost
