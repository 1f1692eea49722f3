#include "storage/PgResult.h"

#include "storage/PgDriver.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>

#include <vector>

#include <libpq-fe.h>

namespace outpost {

namespace {

// PostgreSQL type oids (pg_type.dat) of the columns read as something other than text.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

QMetaType metaTypeOf(Oid type)
{
    switch (type) {
    case kBoolOid:
        return QMetaType::fromType<bool>();
    case kByteaOid:
        return QMetaType::fromType<QByteArray>();
    case kInt8Oid:
        return QMetaType::fromType<qlonglong>();
    case kInt2Oid:
    case kInt4Oid:
        return QMetaType::fromType<int>();
    case kOidOid:
        return QMetaType::fromType<uint>();
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: // as QPSQL's default (low precision) policy reads it
        return QMetaType::fromType<double>();
    default:
        return QMetaType::fromType<QString>();
    }
}

// Qt's positional '?' placeholders as PostgreSQL's $1, $2, … (outside quoted text and comments).
QByteArray numberedPlaceholders(const QString& query)
{
    const QByteArray in = query.toUtf8();
    QByteArray out;
    out.reserve(in.size() + 16);
    int n = 0;
    char quote = 0;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (quote) {
            out += c;
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '-' && i + 1 < in.size() && in.at(i + 1) == '-') {
            const qsizetype end = in.indexOf('\n', i);
            const qsizetype stop = end < 0 ? in.size() : end;
            out += in.mid(i, stop - i);
            i = stop - 1;
        } else if (c == '?') {
            out += '$' + QByteArray::number(++n);
        } else {
            out += c;
        }
    }
    return out;
}

// A bound value as libpq text (or, for bytes, binary) parameter; false for SQL NULL. A null QString or
// QByteArray is NULL, as QPSQL binds it (see sql::text).
bool parameterText(const QVariant& v, QByteArray* text, bool* binary)
{
    *binary = false;
    if (!v.isValid() || v.isNull())
        return false;
    switch (v.metaType().id()) {
    case QMetaType::QString: {
        const QString s = v.toString();
        if (s.isNull())
            return false;
        *text = s.toUtf8();
        return true;
    }
    case QMetaType::QByteArray: {
        const QByteArray b = v.toByteArray();
        if (b.isNull())
            return false;
        *text = b;
        *binary = true; // bytea in binary format: the bytes as they are
        return true;
    }
    case QMetaType::Bool:
        *text = v.toBool() ? "1" : "0"; // valid input for boolean and integer columns alike
        return true;
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::Char:
    case QMetaType::SChar:
        *text = QByteArray::number(v.toLongLong());
        return true;
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
    case QMetaType::UChar:
        *text = QByteArray::number(v.toULongLong());
        return true;
    case QMetaType::Double:
    case QMetaType::Float:
        *text = QByteArray::number(v.toDouble(), 'g', 17);
        return true;
    case QMetaType::QDateTime:
        *text = v.toDateTime().toUTC().toString(Qt::ISODateWithMs).toLatin1();
        return true;
    default:
        *text = v.toString().toUtf8();
        return true;
    }
}

} // namespace

PgResult::PgResult(const PgDriver* driver)
    : QSqlResult(driver)
{
}

PgResult::~PgResult()
{
    clearResult();
}

const PgDriver* PgResult::pgDriver() const
{
    return static_cast<const PgDriver*>(driver());
}

QVariant PgResult::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_result));
}

void PgResult::clearResult()
{
    if (m_result) {
        PQclear(m_result);
        m_result = nullptr;
    }
    m_rows = 0;
}

bool PgResult::take(PGresult* result, const QString& what)
{
    clearResult();
    m_result = result;
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    const bool failed = status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY;
    pgDriver()->noteStatement(result, failed);
    if (failed) {
        PGconn* conn = pgDriver()->connection();
        const QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed();
        const QString code = result ? QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QString();
        setLastError(QSqlError(what, message, QSqlError::StatementError, code));
        clearResult();
        return false;
    }
    setSelect(status == PGRES_TUPLES_OK);
    m_rows = status == PGRES_TUPLES_OK ? PQntuples(result) : 0;
    setActive(true);
    return true;
}

bool PgResult::reset(const QString& query)
{
    clearResult();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    if (!driver() || !driver()->isOpen() || driver()->isOpenError()) {
        setLastError(QSqlError(QStringLiteral("Unable to execute statement"), QStringLiteral("The connection is not open."),
                               QSqlError::ConnectionError));
        return false;
    }
    // A simple query: no parameters, and it may hold several statements (a migration script).
    return take(PQexec(pgDriver()->connection(), query.toUtf8().constData()), QStringLiteral("Unable to execute statement"));
}

bool PgResult::prepare(const QString& query)
{
    clearResult();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    m_sql = numberedPlaceholders(query);
    return true;
}

bool PgResult::exec()
{
    clearResult();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    const PgDriver* d = pgDriver();
    if (!d || !d->isOpen() || !d->connection()) {
        setLastError(QSqlError(QStringLiteral("Unable to execute statement"), QStringLiteral("The connection is not open."),
                               QSqlError::ConnectionError));
        return false;
    }
    const QVariantList bound = boundValues();
    std::vector<QByteArray> texts(size_t(bound.size()));
    std::vector<const char*> values(size_t(bound.size()), nullptr);
    std::vector<int> lengths(size_t(bound.size()), 0);
    std::vector<int> formats(size_t(bound.size()), 0);
    for (qsizetype i = 0; i < bound.size(); ++i) {
        bool binary = false;
        if (!parameterText(bound.at(i), &texts[size_t(i)], &binary))
            continue;
        values[size_t(i)] = texts[size_t(i)].constData();
        lengths[size_t(i)] = int(texts[size_t(i)].size());
        formats[size_t(i)] = binary ? 1 : 0;
    }
    QString prepareError;
    const QByteArray name = d->preparedName(m_sql, &prepareError);
    if (name.isEmpty() && !prepareError.isEmpty()) {
        setLastError(QSqlError(QStringLiteral("Unable to prepare statement"), prepareError, QSqlError::StatementError));
        return false;
    }
    const int n = int(bound.size());
    PGresult* r = name.isEmpty()
                      ? PQexecParams(d->connection(), m_sql.constData(), n, nullptr, values.data(), lengths.data(),
                                     formats.data(), 0)
                      : PQexecPrepared(d->connection(), name.constData(), n, values.data(), lengths.data(), formats.data(), 0);
    return take(r, QStringLiteral("Unable to execute statement"));
}

bool PgResult::fetch(int i)
{
    if (!isActive() || i < 0 || i >= m_rows)
        return false;
    if (isForwardOnly() && i < at())
        return false;
    setAt(i);
    return true;
}

bool PgResult::fetchNext()
{
    return fetch(at() < 0 ? 0 : at() + 1);
}

bool PgResult::fetchFirst()
{
    return fetch(0);
}

bool PgResult::fetchLast()
{
    return fetch(m_rows - 1);
}

QVariant PgResult::data(int field)
{
    if (!m_result || at() < 0 || at() >= m_rows || field < 0 || field >= PQnfields(m_result))
        return {};
    const Oid type = PQftype(m_result, field);
    const QMetaType meta = metaTypeOf(type);
    if (PQgetisnull(m_result, at(), field))
        return QVariant(meta);
    const char* text = PQgetvalue(m_result, at(), field);
    switch (type) {
    case kBoolOid:
        return QVariant(text[0] == 't');
    case kByteaOid: {
        size_t length = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
        const QByteArray out(reinterpret_cast<const char*>(bytes), qsizetype(length));
        PQfreemem(bytes);
        return out;
    }
    case kInt8Oid:
        return QVariant(QByteArray(text).toLongLong());
    case kInt2Oid:
    case kInt4Oid:
        return QVariant(QByteArray(text).toInt());
    case kOidOid:
        return QVariant(QByteArray(text).toUInt());
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
        return QVariant(QByteArray(text).toDouble());
    default:
        return QVariant(QString::fromUtf8(text, PQgetlength(m_result, at(), field)));
    }
}

bool PgResult::isNull(int field)
{
    return !m_result || at() < 0 || at() >= m_rows || PQgetisnull(m_result, at(), field);
}

int PgResult::size()
{
    return isSelect() ? m_rows : -1;
}

int PgResult::numRowsAffected()
{
    if (!m_result)
        return -1;
    const char* n = PQcmdTuples(m_result);
    return n && *n ? QByteArray(n).toInt() : -1;
}

QSqlRecord PgResult::record() const
{
    QSqlRecord r;
    if (!m_result || !isSelect())
        return r;
    for (int i = 0; i < PQnfields(m_result); ++i)
        r.append(QSqlField(QString::fromUtf8(PQfname(m_result, i)), metaTypeOf(PQftype(m_result, i))));
    return r;
}

void PgResult::detachFromResultSet()
{
    clearResult();
}

} // namespace outpost
