#include "storage/PgDriver.h"

#include "storage/PgResult.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <mutex>
#include <vector>

#include <libpq-fe.h>

namespace outpost {

namespace {
QString connectionMessage(const PGconn* conn)
{
    return QString::fromUtf8(PQerrorMessage(conn)).trimmed();
}
} // namespace

PgDriver::PgDriver(QObject* parent)
    : QSqlDriver(parent)
{
}

PgDriver::~PgDriver()
{
    PgDriver::close();
}

void PgDriver::registerDriver()
{
    static std::once_flag once;
    std::call_once(once, [] { QSqlDatabase::registerSqlDriver(QString::fromLatin1(Name), new QSqlDriverCreator<PgDriver>); });
}

bool PgDriver::isPgDriver(const QSqlDriver* driver)
{
    return qobject_cast<const PgDriver*>(driver) != nullptr;
}

bool PgDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case QuerySize:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case FinishQuery:
    case LowPrecisionNumbers:
        return true;
    case NamedPlaceholders: // Qt maps :name to positional '?'; PgResult turns those into $n
    case LastInsertId:      // INSERT … RETURNING (sql::returningKey)
    case BatchOperations:
    case SimpleLocking:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool PgDriver::open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
                    const QString& connOpts)
{
    if (isOpen())
        close();
    // libpq keyword/value pairs; connect options are "key=value" pairs separated by ';' (as QPSQL takes them).
    QList<QByteArray> keys{"dbname", "user", "password", "host", "port", "client_encoding"};
    QList<QByteArray> values{db.toUtf8(), user.toUtf8(), password.toUtf8(), host.toUtf8(),
                             port > 0 ? QByteArray::number(port) : QByteArray(), "UTF8"};
    for (const QString& opt : connOpts.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = opt.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        keys << opt.left(eq).trimmed().toUtf8();
        values << opt.mid(eq + 1).trimmed().toUtf8();
    }
    std::vector<const char*> k;
    std::vector<const char*> v;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (values.at(i).isEmpty())
            continue; // libpq's default (or ~/.pgpass, PGPASSWORD for the password)
        k.push_back(keys.at(i).constData());
        v.push_back(values.at(i).constData());
    }
    k.push_back(nullptr);
    v.push_back(nullptr);
    m_conn = PQconnectdbParams(k.data(), v.data(), 0);
    if (PQstatus(m_conn) != CONNECTION_OK) {
        setLastError(QSqlError(tr("Unable to connect"), connectionMessage(m_conn), QSqlError::ConnectionError));
        PQfinish(m_conn);
        m_conn = nullptr;
        setOpenError(true);
        return false;
    }
    setOpen(true);
    setOpenError(false);
    return true;
}

void PgDriver::close()
{
    if (m_conn) {
        PQfinish(m_conn); // the server drops the connection's prepared statements with it
        m_conn = nullptr;
    }
    m_prepared.clear();
    if (isOpen()) {
        setOpen(false);
        setOpenError(false);
    }
}

QSqlResult* PgDriver::createResult() const
{
    return new PgResult(this);
}

void PgDriver::noteStatement(pg_result* result, bool failed) const
{
    if (failed || !result) {
        ++m_writeMark;
        return;
    }
    const QByteArrayView tag(PQcmdStatus(result));
    if (tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE") || tag.startsWith("MERGE"))
        m_writeMark += QByteArray(PQcmdTuples(result)).toLongLong();
    else if (tag.startsWith("CREATE") || tag.startsWith("DROP") || tag.startsWith("ALTER") || tag.startsWith("TRUNCATE")
             || tag.startsWith("COPY"))
        ++m_writeMark;
}

bool PgDriver::execSimple(const char* sql, const QString& what)
{
    if (!m_conn)
        return false;
    PGresult* r = PQexec(m_conn, sql);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        setLastError(QSqlError(what, QString::fromUtf8(PQresultErrorMessage(r)).trimmed(), QSqlError::TransactionError));
    PQclear(r);
    return ok;
}

bool PgDriver::beginTransaction()
{
    return execSimple("BEGIN", tr("Could not start a transaction"));
}

bool PgDriver::commitTransaction()
{
    return execSimple("COMMIT", tr("Could not commit a transaction"));
}

bool PgDriver::rollbackTransaction()
{
    return execSimple("ROLLBACK", tr("Could not roll back a transaction"));
}

QStringList PgDriver::tables(QSql::TableType type) const
{
    QStringList out;
    if (!isOpen() || !(type & (QSql::Tables | QSql::Views)))
        return out;
    QSqlQuery q(createResult());
    q.setForwardOnly(true);
    QString kinds;
    if (type & QSql::Tables)
        kinds += QStringLiteral("'BASE TABLE'");
    if (type & QSql::Views)
        kinds += (kinds.isEmpty() ? QString() : QStringLiteral(",")) + QStringLiteral("'VIEW'");
    if (q.exec(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                              "AND table_type IN (%1)")
                   .arg(kinds))) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

QString PgDriver::escapeIdentifier(const QString& identifier, IdentifierType) const
{
    if (identifier.startsWith(QLatin1Char('"')) && identifier.endsWith(QLatin1Char('"')) && identifier.size() > 1)
        return identifier;
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QVariant PgDriver::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_conn));
}

QByteArray PgDriver::preparedName(const QByteArray& sql, QString* error) const
{
    if (auto it = m_prepared.constFind(sql); it != m_prepared.constEnd())
        return it.value();
    if (m_prepared.size() >= kMaxPreparedStatements)
        return {};
    const QByteArray name = "outpost_" + QByteArray::number(m_prepared.size() + 1);
    PGresult* r = PQprepare(m_conn, name.constData(), sql.constData(), 0, nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok && error)
        *error = QString::fromUtf8(r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn)).trimmed();
    if (!ok) // a failed Parse aborts the transaction as a failed statement does: the write mark must move
        noteStatement(nullptr, true);
    PQclear(r);
    if (!ok)
        return {};
    m_prepared.insert(sql, name);
    return name;
}

} // namespace outpost
