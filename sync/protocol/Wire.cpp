#include "protocol/Wire.h"

#include "util/JsonNumber.h"
#include "util/JsonText.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace outpost::wire {

namespace {

// Reads typed fields from one JSON object and remembers the first problem, named by its path.
class Reader
{
public:
    Reader(const QJsonObject& o, QString where) : m_o(o), m_where(std::move(where)) {}

    QString string(const char* key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, Codec::tr("is missing"));
            return {};
        }
        if (!v.isString()) {
            fail(key, Codec::tr("must be text"));
            return {};
        }
        return v.toString();
    }

    qint64 integer(const char* key, bool required = true, qint64 min = 0)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, Codec::tr("is missing"));
            return 0;
        }
        const std::optional<qint64> n = jsonWholeNumber(v);
        if (!n || *n < min) {
            fail(key, Codec::tr("must be a whole number of at least %1").arg(min));
            return 0;
        }
        return *n;
    }

    bool boolean(const char* key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        if (!v.isBool())
            fail(key, Codec::tr("must be true or false"));
        return v.toBool();
    }

    QJsonObject object(const char* key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, Codec::tr("is missing"));
            return {};
        }
        if (!v.isObject())
            fail(key, Codec::tr("must be an object"));
        return v.toObject();
    }

    QJsonArray array(const char* key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, Codec::tr("is missing"));
            return {};
        }
        if (!v.isArray())
            fail(key, Codec::tr("must be a list"));
        return v.toArray();
    }

    QString path(const char* key) const
    {
        return m_where.isEmpty() ? QString::fromLatin1(key) : QString(m_where + QLatin1Char('.') + QLatin1String(key));
    }
    QString path(const char* key, qsizetype index) const { return path(key) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']'); }

    void fail(const char* key, const QString& what)
    {
        if (m_error.isEmpty())
            m_error = Codec::tr("\"%1\" %2.").arg(path(key), what);
    }
    void failWith(const Error& e)
    {
        if (m_error.isEmpty())
            m_error = e.message;
    }
    bool ok() const { return m_error.isEmpty(); }
    Error error() const { return Error(ErrorCode::InvalidArgument, m_error); }

private:
    const QJsonObject& m_o;
    QString m_where;
    QString m_error;
};

QJsonArray toArray(const QList<RowState>& states)
{
    QJsonArray a;
    for (const RowState& s : states)
        a.append(Codec::toJson(s));
    return a;
}

Result<QList<RowState>> rowStates(Reader& r, const QJsonArray& a, const char* key)
{
    QList<RowState> out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        auto s = Codec::rowStateFromJson(a.at(i).toObject(), r.path(key, i));
        if (!a.at(i).isObject() || !s) {
            return Error(ErrorCode::InvalidArgument,
                         s ? Codec::tr("\"%1\" must be an object.").arg(r.path(key, i)) : s.message());
        }
        out.append(s.value());
    }
    return out;
}

} // namespace

QString Codec::statusName(MutationResult::Status s)
{
    switch (s) {
    case MutationResult::Status::Applied:
        return QStringLiteral("applied");
    case MutationResult::Status::AppliedWithConflict:
        return QStringLiteral("conflict");
    case MutationResult::Status::Rejected:
        return QStringLiteral("rejected");
    }
    return QStringLiteral("rejected");
}

Result<QJsonObject> Codec::parseObject(const QByteArray& body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        return Error(ErrorCode::InvalidArgument,
                     tr("The request is not valid JSON (%1 at byte %2).").arg(err.errorString()).arg(err.offset));
    if (!doc.isObject())
        return Error(ErrorCode::InvalidArgument, tr("The request must be a JSON object."));
    return doc.object();
}

QJsonObject Codec::toJson(const Mutation& m)
{
    return QJsonObject{{QStringLiteral("id"), m.id},
                       {QStringLiteral("seq"), m.seq},
                       {QStringLiteral("name"), m.name},
                       {QStringLiteral("version"), m.version},
                       {QStringLiteral("args"), m.args},
                       {QStringLiteral("hlc"), m.hlc},
                       {QStringLiteral("createdAt"), m.createdAt},
                       {QStringLiteral("touched"), m.touched}};
}

Result<Mutation> Codec::mutationFromJson(const QJsonObject& o, const QString& where)
{
    Reader r(o, where);
    Mutation m;
    m.id = r.string("id");
    m.seq = r.integer("seq", true, 1);
    m.name = r.string("name");
    m.version = int(r.integer("version", true, 1));
    m.args = r.object("args");
    m.hlc = r.string("hlc");
    m.createdAt = r.integer("createdAt", true, 0);
    m.touched = r.array("touched", false);
    for (qsizetype i = 0; i < m.touched.size() && r.ok(); ++i) {
        const QJsonObject to = m.touched.at(i).toObject();
        Reader tr(to, r.path("touched", i));
        tr.string("entity");
        tr.string("id");
        tr.object("before", false);
        if (!m.touched.at(i).isObject())
            r.fail("touched", Codec::tr("must be a list of objects"));
        else if (!tr.ok())
            return tr.error();
    }
    if (!r.ok())
        return r.error();
    return m;
}

QJsonObject Codec::toJson(const PushRequest& req)
{
    QJsonArray mutations;
    for (const Mutation& m : req.mutations)
        mutations.append(toJson(m));
    return QJsonObject{{QStringLiteral("deviceId"), req.deviceId}, {QStringLiteral("mutations"), mutations}};
}

Result<PushRequest> Codec::pushRequestFromJson(const QJsonObject& o)
{
    Reader r(o, {});
    PushRequest req;
    req.deviceId = r.string("deviceId");
    const QJsonArray list = r.array("mutations");
    if (!r.ok())
        return r.error();
    if (list.size() > kMaxMutationsPerPush)
        return Error(ErrorCode::InvalidArgument,
                     tr("A push may carry at most %1 changes; this one has %2.").arg(kMaxMutationsPerPush).arg(list.size()));
    qint64 previousSeq = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString where = r.path("mutations", i);
        if (!list.at(i).isObject())
            return Error(ErrorCode::InvalidArgument, tr("\"%1\" must be an object.").arg(where));
        auto m = mutationFromJson(list.at(i).toObject(), where);
        if (!m)
            return m.error();
        if (m->seq <= previousSeq)
            return Error(ErrorCode::InvalidArgument,
                         tr("\"%1.seq\" must be greater than the sequence number before it.").arg(where));
        previousSeq = m->seq;
        m->deviceId = req.deviceId;
        req.mutations.append(std::move(m.value()));
    }
    return req;
}

QJsonObject Codec::toJson(const MutationResult& m)
{
    QJsonObject o{{QStringLiteral("seq"), m.seq}, {QStringLiteral("status"), statusName(m.status)}};
    if (!m.code.isEmpty())
        o.insert(QStringLiteral("code"), m.code);
    if (!m.message.isEmpty())
        o.insert(QStringLiteral("message"), m.message);
    if (!m.conflicts.isEmpty()) {
        QJsonArray cs;
        for (const ConflictInfo& c : m.conflicts)
            cs.append(QJsonObject{{QStringLiteral("id"), c.id},
                                  {QStringLiteral("entity"), c.entity},
                                  {QStringLiteral("entityId"), c.entityId},
                                  {QStringLiteral("field"), c.field},
                                  {QStringLiteral("mine"), c.mine},
                                  {QStringLiteral("theirs"), c.theirs},
                                  {QStringLiteral("base"), c.base}});
        o.insert(QStringLiteral("conflicts"), cs);
    }
    if (!m.restore.isEmpty())
        o.insert(QStringLiteral("restore"), toArray(m.restore));
    return o;
}

Result<MutationResult> Codec::mutationResultFromJson(const QJsonObject& ro, const QString& where)
{
    Reader mr(ro, where);
    MutationResult m;
    m.seq = mr.integer("seq", true, 1);
    const QString status = mr.string("status");
    if (status == QLatin1String("applied"))
        m.status = MutationResult::Status::Applied;
    else if (status == QLatin1String("conflict"))
        m.status = MutationResult::Status::AppliedWithConflict;
    else if (status == QLatin1String("rejected"))
        m.status = MutationResult::Status::Rejected;
    else
        mr.fail("status", tr("must be applied, conflict or rejected"));
    m.code = mr.string("code", false);
    m.message = mr.string("message", false);
    const QJsonArray cs = mr.array("conflicts", false);
    for (qsizetype j = 0; j < cs.size() && mr.ok(); ++j) {
        const QJsonObject co = cs.at(j).toObject();
        Reader cr(co, mr.path("conflicts", j));
        ConflictInfo c;
        c.id = cr.string("id");
        c.entity = cr.string("entity");
        c.entityId = cr.string("entityId");
        c.field = cr.string("field");
        c.mine = co.value(QStringLiteral("mine"));
        c.theirs = co.value(QStringLiteral("theirs"));
        c.base = co.value(QStringLiteral("base"));
        if (!cr.ok())
            return cr.error();
        m.conflicts.append(c);
    }
    auto restore = rowStates(mr, mr.array("restore", false), "restore");
    if (!restore)
        return restore.error();
    m.restore = restore.value();
    if (!mr.ok())
        return mr.error();
    return m;
}

QJsonObject Codec::toJson(const PushResponse& resp)
{
    QJsonArray results;
    for (const MutationResult& m : resp.results)
        results.append(toJson(m));
    return QJsonObject{{QStringLiteral("results"), results}, {QStringLiteral("serverSeq"), resp.serverSeq}};
}

Result<PushResponse> Codec::pushResponseFromJson(const QJsonObject& o)
{
    Reader r(o, {});
    PushResponse resp;
    resp.serverSeq = r.integer("serverSeq");
    const QJsonArray list = r.array("results");
    if (!r.ok())
        return r.error();
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto m = mutationResultFromJson(list.at(i).toObject(), r.path("results", i));
        if (!m)
            return m.error();
        resp.results.append(m.value());
    }
    return resp;
}

QJsonObject Codec::toJson(const RowState& s)
{
    QJsonObject o{{QStringLiteral("entity"), s.entity}, {QStringLiteral("id"), s.id}};
    if (s.deleted)
        o.insert(QStringLiteral("deleted"), true);
    else
        o.insert(QStringLiteral("row"), s.row);
    return o;
}

Result<RowState> Codec::rowStateFromJson(const QJsonObject& o, const QString& where)
{
    Reader r(o, where);
    RowState s;
    s.entity = r.string("entity");
    s.id = r.string("id");
    s.deleted = r.boolean("deleted");
    if (!s.deleted)
        s.row = r.object("row");
    if (!r.ok())
        return r.error();
    return s;
}

QJsonObject Codec::toJson(const PullPage& p)
{
    QJsonArray changes;
    for (const Change& c : p.changes) {
        QJsonObject o = toJson(c.state);
        o.insert(QStringLiteral("seq"), c.seq);
        changes.append(o);
    }
    return QJsonObject{{QStringLiteral("changes"), changes},
                       {QStringLiteral("cursor"), p.cursor},
                       {QStringLiteral("more"), p.more},
                       {QStringLiteral("lastAppliedSeq"), p.lastAppliedSeq}};
}

Result<PullPage> Codec::pullPageFromJson(const QJsonObject& o)
{
    Reader r(o, {});
    PullPage p;
    p.cursor = r.integer("cursor");
    p.more = r.boolean("more");
    p.lastAppliedSeq = r.integer("lastAppliedSeq");
    const QJsonArray list = r.array("changes");
    if (!r.ok())
        return r.error();
    p.changes.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject co = list.at(i).toObject();
        auto s = rowStateFromJson(co, r.path("changes", i));
        if (!s)
            return s.error();
        Reader cr(co, r.path("changes", i));
        Change c;
        c.seq = cr.integer("seq", true, 1);
        if (!cr.ok())
            return cr.error();
        c.state = std::move(s.value());
        p.changes.append(std::move(c));
    }
    return p;
}

namespace {

// Compact JSON text written straight from the values (a snapshot page is megabytes: building a QJsonObject
// tree first and serialising it after doubled the server's work per row). The same text QJsonDocument
// writes: UTF-8, the escapes JSON requires, whole numbers without a fraction.
void writeJsonValue(QByteArray& out, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        appendJsonString(out, v.toString());
        break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        const qint64 whole = v.toInteger();
        if (double(whole) == d)
            out += QByteArray::number(whole);
        else if (qIsFinite(d))
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        else
            out += "null";
        break;
    }
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Array:
        out += QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
        break;
    case QJsonValue::Object:
        out += QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
        break;
    default:
        out += "null";
    }
}

} // namespace

QByteArray Codec::snapshotPageBytes(const SnapshotPage& p)
{
    QByteArray out;
    qsizetype values = 0;
    for (const SnapshotBlock& b : p.blocks)
        values += b.rows.size() * (b.columns.size() + 1);
    out.reserve(256 + values * 24);
    out += "{\"at\":" + QByteArray::number(p.at) + ",\"total\":" + QByteArray::number(p.total)
           + ",\"scanned\":" + QByteArray::number(p.scanned) + ",\"more\":" + (p.more ? "true" : "false")
           + ",\"next\":{\"entity\":";
    appendJsonString(out, p.nextEntity);
    out += ",\"after\":";
    appendJsonString(out, p.nextAfter);
    out += "},\"blocks\":[";
    for (qsizetype b = 0; b < p.blocks.size(); ++b) {
        const SnapshotBlock& block = p.blocks.at(b);
        out += b == 0 ? "{\"entity\":" : ",{\"entity\":";
        appendJsonString(out, block.entity);
        out += ",\"columns\":[";
        for (qsizetype c = 0; c < block.columns.size(); ++c) {
            if (c > 0)
                out += ',';
            appendJsonString(out, block.columns.at(c));
        }
        out += "],\"rows\":[";
        for (qsizetype r = 0; r < block.rows.size(); ++r) {
            out += r == 0 ? "[" : ",[";
            const QJsonArray& row = block.rows.at(r);
            for (qsizetype c = 0; c < row.size(); ++c) {
                if (c > 0)
                    out += ',';
                writeJsonValue(out, row.at(c));
            }
            out += ']';
        }
        out += "]}";
    }
    out += "]}";
    return out;
}

QJsonObject Codec::toJson(const SnapshotPage& p)
{
    return QJsonDocument::fromJson(snapshotPageBytes(p)).object();
}

Result<SnapshotPage> Codec::snapshotPageFromJson(const QJsonObject& o)
{
    Reader r(o, {});
    SnapshotPage p;
    p.at = r.integer("at");
    p.total = r.integer("total");
    p.scanned = r.integer("scanned");
    p.more = r.boolean("more");
    const QJsonObject next = r.object("next");
    const QJsonArray blocks = r.array("blocks");
    if (!r.ok())
        return r.error();
    Reader nr(next, QStringLiteral("next"));
    p.nextEntity = nr.string("entity", false);
    p.nextAfter = nr.string("after", false);
    if (!nr.ok())
        return nr.error();
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QJsonObject bo = blocks.at(i).toObject();
        Reader br(bo, r.path("blocks", i));
        SnapshotBlock b;
        b.entity = br.string("entity");
        const QJsonArray columns = br.array("columns");
        const QJsonArray rows = br.array("rows");
        if (!blocks.at(i).isObject())
            return Error(ErrorCode::InvalidArgument, tr("\"%1\" must be an object.").arg(r.path("blocks", i)));
        if (!br.ok())
            return br.error();
        for (const QJsonValue& c : columns) {
            if (!c.isString())
                return Error(ErrorCode::InvalidArgument, tr("\"%1\" must be a list of names.").arg(br.path("columns")));
            b.columns.append(c.toString());
        }
        b.rows.reserve(rows.size());
        for (qsizetype j = 0; j < rows.size(); ++j) {
            const QJsonArray row = rows.at(j).toArray();
            if (!rows.at(j).isArray() || row.size() != b.columns.size() + 1 || !row.at(0).isString())
                return Error(ErrorCode::InvalidArgument,
                             tr("\"%1\" must be a list of the id and one value per column.").arg(br.path("rows", j)));
            b.rows.append(row);
        }
        p.blocks.append(std::move(b));
    }
    return p;
}

QJsonObject Codec::toJson(const LoginRequest& req)
{
    QJsonObject o{{QStringLiteral("team"), req.team},
                  {QStringLiteral("user"), req.user},
                  {QStringLiteral("password"), req.password},
                  {QStringLiteral("deviceId"), req.deviceId},
                  {QStringLiteral("deviceName"), req.deviceName}};
    if (!req.totp.isEmpty())
        o.insert(QStringLiteral("totp"), req.totp);
    return o;
}

Result<LoginRequest> Codec::loginRequestFromJson(const QJsonObject& o)
{
    Reader r(o, {});
    LoginRequest req;
    req.team = r.string("team");
    req.user = r.string("user");
    req.password = r.string("password");
    req.totp = r.string("totp", false);
    req.deviceId = r.string("deviceId");
    req.deviceName = r.string("deviceName", false);
    if (!r.ok())
        return r.error();
    return req;
}

QJsonObject Codec::toJson(const Session& s)
{
    QJsonObject o{{QStringLiteral("accessToken"), s.accessToken},
                       {QStringLiteral("expiresIn"), s.accessExpiresInSec},
                       {QStringLiteral("refreshToken"), s.refreshToken},
                       {QStringLiteral("userId"), s.userId},
                       {QStringLiteral("userName"), s.userName},
                       {QStringLiteral("role"), s.role},
                       {QStringLiteral("teamId"), s.teamId}};
    if (s.maxRequestBytes > 0)
        o.insert(QStringLiteral("maxRequestBytes"), s.maxRequestBytes);
    return o;
}

Result<Session> Codec::sessionFromJson(const QJsonObject& o)
{
    Reader r(o, {});
    Session s;
    s.accessToken = r.string("accessToken");
    s.accessExpiresInSec = r.integer("expiresIn");
    s.refreshToken = r.string("refreshToken");
    s.userId = r.string("userId");
    s.userName = r.string("userName", false);
    s.role = r.string("role");
    s.teamId = r.string("teamId");
    s.maxRequestBytes = r.integer("maxRequestBytes", false);
    if (!r.ok())
        return r.error();
    return s;
}

} // namespace outpost::wire
