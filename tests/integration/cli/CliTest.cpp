// Runs the real outpost-cli binary and checks exit codes, messages and effects.
#include "keys/PassphraseKeyWrap.h"
#include "profile/ProfileInfo.h"
#include "storage/ClientSchema.h"
#include "storage/Database.h"

#include "TempDir.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

CliRun cli(const QStringList& args, const QByteArray& stdinData = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OUTPOST_CLI_PATH), args);
    EXPECT_TRUE(p.waitForStarted());
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    EXPECT_TRUE(p.waitForFinished(120000));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QByteArray kPass = "a long demo passphrase\n";
// The minimum allowed cost keeps the test quick; real profiles use the default.
const QString kIterations = QStringLiteral("256000");

class CliTest : public ::testing::Test
{
protected:
    QString profile() const { return dir.filePath(QStringLiteral("p")); }
    void createPassphraseProfile()
    {
        const CliRun r = cli({QStringLiteral("profile"), QStringLiteral("create"), QStringLiteral("--profile"), profile(),
                           QStringLiteral("--name"), QStringLiteral("Team Köln"), QStringLiteral("--passphrase-stdin"),
                           QStringLiteral("--kdf-iterations"), kIterations},
                          kPass);
        ASSERT_EQ(r.code, 0) << r.err.toStdString();
        ASSERT_TRUE(r.out.contains(QStringLiteral("Created profile"))) << r.out.toStdString();
    }
    test::TempDir dir;
};

TEST_F(CliTest, VersionAndHelp)
{
    const CliRun v = cli({QStringLiteral("--version")});
    EXPECT_EQ(v.code, 0);
    EXPECT_TRUE(v.out.startsWith(QStringLiteral("outpost-cli "))) << v.out.toStdString();
    const CliRun h = cli({QStringLiteral("--help")});
    EXPECT_EQ(h.code, 0);
    EXPECT_TRUE(h.out.contains(QStringLiteral("Exit codes")));
}

TEST_F(CliTest, UnknownCommandIsAUsageError)
{
    const CliRun r = cli({QStringLiteral("frobnicate")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("unknown command \"frobnicate\""))) << r.err.toStdString();
    EXPECT_EQ(r.err.count(QLatin1Char('\n')), 1); // one line
    const CliRun none = cli({});
    EXPECT_EQ(none.code, 2);
    const CliRun sub = cli({QStringLiteral("contacts"), QStringLiteral("teleport")});
    EXPECT_EQ(sub.code, 2);
}

TEST_F(CliTest, MalformedArgumentsAreUsageErrors)
{
    createPassphraseProfile();
    const CliRun limit = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"), profile(),
                           QStringLiteral("--limit"), QStringLiteral("many"), QStringLiteral("--passphrase-stdin")},
                          kPass);
    EXPECT_EQ(limit.code, 2);
    EXPECT_TRUE(limit.err.contains(QStringLiteral("--limit"))) << limit.err.toStdString();
    const CliRun missingValue = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile")});
    EXPECT_EQ(missingValue.code, 2);
    EXPECT_TRUE(missingValue.err.contains(QStringLiteral("needs a value")));
    const CliRun unknownOption = cli({QStringLiteral("verify"), QStringLiteral("--profile"), profile(), QStringLiteral("--colour")});
    EXPECT_EQ(unknownOption.code, 2);
    EXPECT_TRUE(unknownOption.err.contains(QStringLiteral("unknown option --colour")));
    const CliRun badEmail = cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--profile"), profile(),
                              QStringLiteral("--email"), QStringLiteral("not-an-address"), QStringLiteral("--passphrase-stdin")},
                             kPass);
    EXPECT_EQ(badEmail.code, 2);
    EXPECT_TRUE(badEmail.err.contains(QStringLiteral("not a valid e-mail address"))) << badEmail.err.toStdString();
}

TEST_F(CliTest, PassphraseOnTheCommandLineIsRefused)
{
    const CliRun r = cli({QStringLiteral("profile"), QStringLiteral("create"), QStringLiteral("--profile"), profile(),
                       QStringLiteral("--passphrase"), QStringLiteral("hunter2hunter2")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("never taken from the command line"))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(profile()));
}

TEST_F(CliTest, MissingProfile)
{
    const CliRun r = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"),
                       dir.filePath(QStringLiteral("nowhere"))});
    EXPECT_EQ(r.code, 3);
    EXPECT_TRUE(r.err.contains(QStringLiteral("There is no Outpost profile"))) << r.err.toStdString();
}

TEST_F(CliTest, WrongPassphraseIsRefusedAndChangesNothing)
{
    createPassphraseProfile();
    const QByteArray before = test::sha256OfFile(dir.filePath(QStringLiteral("p/outpost.db")));
    const CliRun r = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"), profile(),
                       QStringLiteral("--passphrase-stdin")},
                      "the wrong passphrase\n");
    EXPECT_EQ(r.code, 4);
    EXPECT_TRUE(r.err.contains(QStringLiteral("passphrase is wrong"))) << r.err.toStdString();
    EXPECT_EQ(test::sha256OfFile(dir.filePath(QStringLiteral("p/outpost.db"))), before);
    const CliRun noPass = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"), profile()});
    EXPECT_EQ(noPass.code, 4);
    EXPECT_TRUE(noPass.err.contains(QStringLiteral("--passphrase-stdin")));
}

TEST_F(CliTest, AddListSearchDemoAndVerify)
{
    createPassphraseProfile();
    const CliRun add = cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--profile"), profile(),
                         QStringLiteral("--first-name"), QStringLiteral("Zoë"), QStringLiteral("--last-name"),
                         QStringLiteral("Ørsted"), QStringLiteral("--email"), QStringLiteral("zoe@example.dk"),
                         QStringLiteral("--passphrase-stdin")},
                        kPass);
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    const QString id = add.out.trimmed();
    EXPECT_EQ(id.size(), 36);

    const CliRun demo = cli({QStringLiteral("demo"), QStringLiteral("--profile"), profile(), QStringLiteral("--contacts"),
                          QStringLiteral("500"), QStringLiteral("--quiet"), QStringLiteral("--passphrase-stdin")},
                         kPass);
    ASSERT_EQ(demo.code, 0) << demo.err.toStdString();
    EXPECT_TRUE(demo.out.contains(QStringLiteral("Added 500 demo contacts")));

    const CliRun search = cli({QStringLiteral("contacts"), QStringLiteral("search"), QStringLiteral("--profile"), profile(),
                            QStringLiteral("orst"), QStringLiteral("--json"), QStringLiteral("--passphrase-stdin")},
                           kPass);
    ASSERT_EQ(search.code, 0) << search.err.toStdString();
    EXPECT_TRUE(search.out.contains(id)) << search.out.toStdString();

    const CliRun list = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"), profile(),
                          QStringLiteral("--limit"), QStringLiteral("1000"), QStringLiteral("--passphrase-stdin")},
                         kPass);
    ASSERT_EQ(list.code, 0);
    EXPECT_EQ(list.out.count(QLatin1Char('\n')), 1 + 501); // header + rows

    const CliRun verify = cli({QStringLiteral("verify"), QStringLiteral("--profile"), profile(), QStringLiteral("--passphrase-stdin")}, kPass);
    ASSERT_EQ(verify.code, 0) << verify.err.toStdString();
    EXPECT_TRUE(verify.out.contains(QStringLiteral("Audit log: ok (2 entries"))) << verify.out.toStdString();
}

TEST_F(CliTest, VerifyFindsTamperingAndExitsFive)
{
    createPassphraseProfile();
    for (const QString& last : {QStringLiteral("Eins"), QStringLiteral("Zwei"), QStringLiteral("Drei")}) {
        const CliRun add = cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--profile"), profile(),
                             QStringLiteral("--last-name"), last, QStringLiteral("--passphrase-stdin")},
                            kPass);
        ASSERT_EQ(add.code, 0) << add.err.toStdString();
    }
    // Tamper with the second audit entry, as someone holding the key could.
    {
        auto info = ProfileInfo::read(profile());
        ASSERT_TRUE(info.ok());
        QFile f(info->wrappedKeyPath());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        auto wrapped = WrappedKey::fromJson(f.readAll());
        ASSERT_TRUE(wrapped.ok());
        auto key = PassphraseKeyWrap::unwrap(wrapped.value(), QString::fromUtf8(kPass).trimmed(), info->id.toUtf8());
        ASSERT_TRUE(key.ok());
        Database::Options o;
        o.path = info->databasePath();
        o.key = key.value();
        o.migrations = clientMigrations();
        auto db = Database::open(std::move(o));
        ASSERT_TRUE(db.ok()) << db.message().toStdString();
        QSqlQuery q((*db)->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("UPDATE audit_log SET after = '{\"lastName\":\"Forged\"}' WHERE seq = 2")));
    }
    const CliRun verify = cli({QStringLiteral("verify"), QStringLiteral("--profile"), profile(), QStringLiteral("--passphrase-stdin")}, kPass);
    EXPECT_EQ(verify.code, 5);
    EXPECT_TRUE(verify.err.contains(QStringLiteral("Audit entry 2"))) << verify.err.toStdString();
}

TEST_F(CliTest, KeychainProfileRoundTripWhenAKeychainRuns)
{
    if (qEnvironmentVariable("OUTPOST_REQUIRE_KEYCHAIN") != QLatin1String("1"))
        GTEST_SKIP() << "needs a Secret Service: run under scripts/with-keyring.sh with OUTPOST_REQUIRE_KEYCHAIN=1";
    const CliRun create = cli({QStringLiteral("profile"), QStringLiteral("create"), QStringLiteral("--profile"), profile()});
    ASSERT_EQ(create.code, 0) << create.err.toStdString();
    EXPECT_TRUE(create.out.contains(QStringLiteral("OS keychain")));
    const CliRun add = cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--profile"), profile(),
                         QStringLiteral("--company"), QStringLiteral("Łódź Logistics sp. z o.o.")});
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    const CliRun search = cli({QStringLiteral("contacts"), QStringLiteral("search"), QStringLiteral("--profile"), profile(),
                            QStringLiteral("lodz")});
    ASSERT_EQ(search.code, 0) << search.err.toStdString();
    EXPECT_TRUE(search.out.contains(QStringLiteral("Łódź Logistics"))) << search.out.toStdString();
    const CliRun rekey = cli({QStringLiteral("profile"), QStringLiteral("rekey"), QStringLiteral("--profile"), profile()});
    ASSERT_EQ(rekey.code, 0) << rekey.err.toStdString();
    const CliRun verify = cli({QStringLiteral("verify"), QStringLiteral("--profile"), profile()});
    EXPECT_EQ(verify.code, 0) << verify.err.toStdString();
}

TEST_F(CliTest, ImportReportsBadLinesExportAndUndo)
{
    createPassphraseProfile();
    const QString csv = dir.filePath(QStringLiteral("in.csv"));
    {
        QFile f(csv);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("Vorname;Nachname;E-Mail;Ort\n"
                "Jürgen;Müller;jm@example.de;Köln\n"
                "Kaputt;Adresse;nicht-gültig;Bonn\n"
                "Anna;Berg;anna@example.de;Wien\n");
    }
    const QString errors = dir.filePath(QStringLiteral("errors.csv"));
    const CliRun imp = cli({QStringLiteral("import"), QStringLiteral("--profile"), profile(), csv, QStringLiteral("--errors"),
                            errors, QStringLiteral("--passphrase-stdin")},
                           kPass);
    ASSERT_EQ(imp.code, 0) << imp.err.toStdString();
    EXPECT_TRUE(imp.out.contains(QStringLiteral("2 created, 0 updated, 0 skipped, 1 rejected"))) << imp.out.toStdString();
    EXPECT_TRUE(imp.out.contains(QStringLiteral("Line 3:"))) << imp.out.toStdString();
    EXPECT_TRUE(imp.out.contains(QStringLiteral("nicht-gültig"))) << imp.out.toStdString();
    EXPECT_TRUE(QFile::exists(errors));
    const QString batchId = imp.out.section(QStringLiteral("Import batch "), 1).section(QLatin1Char(' '), 0, 0);
    ASSERT_EQ(batchId.size(), 36) << imp.out.toStdString();

    // A file where nothing can be imported fails with exit code 1 and names the line.
    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    {
        QFile f(bad);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("Email\nnope\n");
    }
    const CliRun none = cli({QStringLiteral("import"), QStringLiteral("--profile"), profile(), bad, QStringLiteral("--passphrase-stdin")},
                            kPass);
    EXPECT_EQ(none.code, 1);
    EXPECT_TRUE(none.out.contains(QStringLiteral("Line 2:"))) << none.out.toStdString();
    EXPECT_EQ(none.err.count(QLatin1Char('\n')), 1) << none.err.toStdString();

    const CliRun usage = cli({QStringLiteral("import"), QStringLiteral("--profile"), profile(), csv, QStringLiteral("--on-match"),
                              QStringLiteral("merge")});
    EXPECT_EQ(usage.code, 2);

    const QString out = dir.filePath(QStringLiteral("out.vcf"));
    const CliRun exp = cli({QStringLiteral("export"), QStringLiteral("--profile"), profile(), out, QStringLiteral("--passphrase-stdin")},
                           kPass);
    ASSERT_EQ(exp.code, 0) << exp.err.toStdString();
    EXPECT_TRUE(exp.out.contains(QStringLiteral("Exported 2 contacts"))) << exp.out.toStdString();
    QFile vcf(out);
    ASSERT_TRUE(vcf.open(QIODevice::ReadOnly));
    EXPECT_EQ(vcf.readAll().count("BEGIN:VCARD"), 2);

    const CliRun list = cli({QStringLiteral("import"), QStringLiteral("list"), QStringLiteral("--profile"), profile(),
                             QStringLiteral("--passphrase-stdin")},
                            kPass);
    ASSERT_EQ(list.code, 0) << list.err.toStdString();
    EXPECT_TRUE(list.out.contains(batchId));
    EXPECT_TRUE(list.out.contains(QStringLiteral("active")));

    const CliRun undo = cli({QStringLiteral("import"), QStringLiteral("undo"), QStringLiteral("--profile"), profile(), batchId,
                             QStringLiteral("--passphrase-stdin")},
                            kPass);
    ASSERT_EQ(undo.code, 0) << undo.err.toStdString();
    EXPECT_TRUE(undo.out.contains(QStringLiteral("2 contacts removed"))) << undo.out.toStdString();
    const CliRun contacts = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"), profile(),
                                 QStringLiteral("--json"), QStringLiteral("--passphrase-stdin")},
                                kPass);
    ASSERT_EQ(contacts.code, 0);
    EXPECT_TRUE(contacts.out.trimmed().isEmpty()) << contacts.out.toStdString();
    const CliRun again = cli({QStringLiteral("import"), QStringLiteral("undo"), QStringLiteral("--profile"), profile(), batchId,
                              QStringLiteral("--passphrase-stdin")},
                             kPass);
    EXPECT_EQ(again.code, 1);
    EXPECT_TRUE(again.err.contains(QStringLiteral("already undone"))) << again.err.toStdString();
    const CliRun verify = cli({QStringLiteral("verify"), QStringLiteral("--profile"), profile(), QStringLiteral("--passphrase-stdin")},
                              kPass);
    EXPECT_EQ(verify.code, 0) << verify.err.toStdString();
}

TEST_F(CliTest, DuplicatesScanMergeUndo)
{
    createPassphraseProfile();
    auto addContact = [&](const QString& first, const QString& last, const QString& email, const QString& phone) {
        QStringList args{QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--profile"), profile(),
                         QStringLiteral("--first-name"), first, QStringLiteral("--last-name"), last,
                         QStringLiteral("--passphrase-stdin")};
        if (!email.isEmpty())
            args << QStringLiteral("--email") << email;
        if (!phone.isEmpty())
            args << QStringLiteral("--phone") << phone;
        const CliRun r = cli(args, kPass);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        return r.out.trimmed();
    };
    const QString keep = addContact(QStringLiteral("Anna"), QStringLiteral("Berg"), QStringLiteral("anna@berg.example"), {});
    const QString dup = addContact(QStringLiteral("ANNA"), QStringLiteral("BERG"), QStringLiteral("Anna@Berg.example"),
                                   QStringLiteral("+46 70 123 45 67"));
    addContact(QStringLiteral("Lars"), QStringLiteral("Holm"), QStringLiteral("lars@holm.example"), {});
    auto run = [&](QStringList args) {
        args.prepend(QStringLiteral("duplicates"));
        args << QStringLiteral("--profile") << profile() << QStringLiteral("--passphrase-stdin");
        return cli(args, kPass);
    };

    const CliRun scan = run({QStringLiteral("scan"), QStringLiteral("--json")});
    ASSERT_EQ(scan.code, 0) << scan.err.toStdString();
    const QStringList lines = scan.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 1) << scan.out.toStdString();
    const QJsonObject pair = QJsonDocument::fromJson(lines.first().toUtf8()).object();
    EXPECT_EQ(pair.value(QStringLiteral("score")).toInt(), 90);
    EXPECT_TRUE(lines.first().contains(keep) && lines.first().contains(dup));
    EXPECT_TRUE(pair.value(QStringLiteral("reasons")).toArray().contains(QStringLiteral("Same e-mail address")));
    const CliRun text = run({QStringLiteral("scan"), QStringLiteral("--min-score"), QStringLiteral("95")});
    ASSERT_EQ(text.code, 0);
    EXPECT_TRUE(text.out.contains(QStringLiteral("0 possible duplicates among 3 contacts"))) << text.out.toStdString();

    // Bad input: a one-line reason and a non-zero exit, nothing changed.
    for (const QStringList& bad : {QStringList{QStringLiteral("scan"), QStringLiteral("--min-score"), QStringLiteral("abc")},
                                   QStringList{QStringLiteral("scan"), QStringLiteral("--min-score"), QStringLiteral("0")},
                                   QStringList{QStringLiteral("merge"), keep},
                                   QStringList{QStringLiteral("merge"), keep, keep},
                                   QStringList{QStringLiteral("merge"), keep, QStringLiteral("not-an-id")},
                                   QStringList{QStringLiteral("teleport")}}) {
        const CliRun r = run(bad);
        EXPECT_EQ(r.code, 2) << bad.join(QLatin1Char(' ')).toStdString() << ": " << r.err.toStdString();
        EXPECT_EQ(r.err.count(QLatin1Char('\n')), 1) << r.err.toStdString();
    }
    const CliRun missing = run({QStringLiteral("merge"), keep, QStringLiteral("01890000-0000-7000-8000-000000000000")});
    EXPECT_EQ(missing.code, 3);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("there is no contact"))) << missing.err.toStdString();
    const CliRun nothing = run({QStringLiteral("undo")});
    EXPECT_EQ(nothing.code, 1);
    EXPECT_TRUE(nothing.err.contains(QStringLiteral("there is no merge to undo"))) << nothing.err.toStdString();

    const CliRun merge = run({QStringLiteral("merge"), keep, dup});
    ASSERT_EQ(merge.code, 0) << merge.err.toStdString();
    EXPECT_TRUE(merge.out.contains(QStringLiteral("Merged \"ANNA BERG\" into \"Anna Berg\""))) << merge.out.toStdString();
    auto listed = [&] {
        const CliRun list = cli({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--profile"), profile(),
                                 QStringLiteral("--json"), QStringLiteral("--passphrase-stdin")},
                                kPass);
        EXPECT_EQ(list.code, 0);
        return list.out;
    };
    EXPECT_FALSE(listed().contains(dup));
    EXPECT_TRUE(listed().contains(QStringLiteral("+46 70 123 45 67"))); // the kept contact took the phone
    const CliRun history = run({QStringLiteral("history")});
    ASSERT_EQ(history.code, 0);
    EXPECT_TRUE(history.out.contains(QStringLiteral("single\t1\t\"ANNA BERG\" into \"Anna Berg\"\tactive"))) << history.out.toStdString();

    const CliRun undo = run({QStringLiteral("undo")});
    ASSERT_EQ(undo.code, 0) << undo.err.toStdString();
    EXPECT_TRUE(undo.out.contains(QStringLiteral("Undone: 1"))) << undo.out.toStdString();
    EXPECT_TRUE(listed().contains(dup));
    const CliRun again = run({QStringLiteral("undo")});
    EXPECT_EQ(again.code, 1);

    const CliRun all = run({QStringLiteral("merge-all")});
    ASSERT_EQ(all.code, 0) << all.err.toStdString();
    EXPECT_TRUE(all.out.contains(QStringLiteral("1 merged, 0 skipped, 0 refused"))) << all.out.toStdString();
    const CliRun verify = cli({QStringLiteral("verify"), QStringLiteral("--profile"), profile(), QStringLiteral("--passphrase-stdin")}, kPass);
    EXPECT_EQ(verify.code, 0) << verify.err.toStdString();
}

} // namespace

namespace {

QList<QJsonObject> jsonLines(const QString& out)
{
    QList<QJsonObject> rows;
    for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows << QJsonDocument::fromJson(line.toUtf8()).object();
    return rows;
}

} // namespace

TEST_F(CliTest, GenealogyFindUplineDownlineStatsAndMove)
{
    createPassphraseProfile();
    const QStringList base{QStringLiteral("--profile"), profile(), QStringLiteral("--passphrase-stdin")};
    auto genealogy = [&](const QStringList& args) { return cli(QStringList{QStringLiteral("genealogy")} + args + base, kPass); };
    const CliRun demo = cli(QStringList{QStringLiteral("demo"), QStringLiteral("--contacts"), QStringLiteral("0"),
                                        QStringLiteral("--distributors"), QStringLiteral("3000"), QStringLiteral("--quiet")}
                                + base,
                            kPass);
    ASSERT_EQ(demo.code, 0) << demo.err.toStdString();
    EXPECT_TRUE(demo.out.contains(QStringLiteral("Added 3000 demo distributors"))) << demo.out.toStdString();

    // Someone at least two levels down, and the top of their upline.
    const CliRun found = genealogy({QStringLiteral("find"), QStringLiteral("a"), QStringLiteral("--limit"),
                                    QStringLiteral("50"), QStringLiteral("--json")});
    ASSERT_EQ(found.code, 0) << found.err.toStdString();
    QString someone;
    QList<QJsonObject> path;
    for (const QJsonObject& match : jsonLines(found.out)) {
        const CliRun upline = genealogy({QStringLiteral("upline"), match.value(QStringLiteral("id")).toString(),
                                         QStringLiteral("--json")});
        ASSERT_EQ(upline.code, 0) << upline.err.toStdString();
        path = jsonLines(upline.out);
        if (path.size() >= 3) {
            someone = match.value(QStringLiteral("id")).toString();
            break;
        }
    }
    ASSERT_FALSE(someone.isEmpty());
    EXPECT_EQ(path.last().value(QStringLiteral("id")).toString(), someone);
    const QString top = path.first().value(QStringLiteral("id")).toString();
    const CliRun placedBefore = genealogy({QStringLiteral("upline"), someone, QStringLiteral("--tree"),
                                           QStringLiteral("placement"), QStringLiteral("--json")});

    // The top's downline: everyone else.
    const CliRun stats = genealogy({QStringLiteral("stats"), top, QStringLiteral("--levels"), QStringLiteral("--json")});
    ASSERT_EQ(stats.code, 0) << stats.err.toStdString();
    const QJsonObject s = jsonLines(stats.out).value(0);
    EXPECT_EQ(s.value(QStringLiteral("size")).toInt(), 2999);
    int perLevel = 0;
    for (const QJsonValue v : s.value(QStringLiteral("levels")).toArray())
        perLevel += v.toInt();
    EXPECT_EQ(perLevel, 2999);
    EXPECT_EQ(s.value(QStringLiteral("levels")).toArray().size(), s.value(QStringLiteral("depth")).toInt());
    const CliRun firstLevel = genealogy({QStringLiteral("downline"), top, QStringLiteral("--json"),
                                         QStringLiteral("--limit"), QStringLiteral("100000")});
    ASSERT_EQ(firstLevel.code, 0) << firstLevel.err.toStdString();
    EXPECT_EQ(jsonLines(firstLevel.out).size(), s.value(QStringLiteral("firstLevel")).toInt());
    const CliRun twoLevels = genealogy({QStringLiteral("downline"), top, QStringLiteral("--depth"), QStringLiteral("2"),
                                        QStringLiteral("--limit"), QStringLiteral("50")});
    ASSERT_EQ(twoLevels.code, 0);
    EXPECT_EQ(twoLevels.out.count(QLatin1Char('\n')), 1 + 50); // header + the limit

    // Moving the top under someone in their own downline is refused, with the reason, and changes nothing.
    const CliRun loop = genealogy({QStringLiteral("move"), top, QStringLiteral("--to"), someone,
                                   QStringLiteral("--reason"), QStringLiteral("test")});
    EXPECT_EQ(loop.code, 1);
    EXPECT_TRUE(loop.err.contains(QStringLiteral("loop in the sponsor tree"))) << loop.err.toStdString();
    const CliRun missingReason = genealogy({QStringLiteral("move"), someone, QStringLiteral("--root")});
    EXPECT_EQ(missingReason.code, 2);

    // Moving someone to the top level: their upline is just them.
    const CliRun moved = genealogy({QStringLiteral("move"), someone, QStringLiteral("--root"), QStringLiteral("--reason"),
                                    QStringLiteral("Left the team"), QStringLiteral("--effective"),
                                    QStringLiteral("2026-11-30")});
    ASSERT_EQ(moved.code, 0) << moved.err.toStdString();
    const CliRun after = genealogy({QStringLiteral("upline"), someone, QStringLiteral("--json")});
    EXPECT_EQ(jsonLines(after.out).size(), 1);
    const CliRun placed = genealogy({QStringLiteral("upline"), someone, QStringLiteral("--tree"),
                                     QStringLiteral("placement"), QStringLiteral("--json")});
    EXPECT_EQ(placed.out, placedBefore.out) << "the placement tree did not move";
}

TEST_F(CliTest, PersonExportAndErase)
{
    createPassphraseProfile();
    auto run = [&](QStringList args) {
        args << QStringLiteral("--profile") << profile() << QStringLiteral("--passphrase-stdin");
        return cli(args, kPass);
    };
    const CliRun add = run({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--first-name"),
                            QStringLiteral("Perpetua"), QStringLiteral("--last-name"), QStringLiteral("Vantongeren"),
                            QStringLiteral("--email"), QStringLiteral("perpetua@vantongeren.test"),
                            QStringLiteral("--company"), QStringLiteral("Harbour Freight BV")});
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    const QString id = add.out.trimmed();

    const QString folder = dir.filePath(QStringLiteral("perpetua"));
    const CliRun exported = run({QStringLiteral("person"), QStringLiteral("export"), id, folder});
    ASSERT_EQ(exported.code, 0) << exported.err.toStdString();
    QFile json(folder + QStringLiteral("/person.json"));
    ASSERT_TRUE(json.open(QIODevice::ReadOnly));
    EXPECT_TRUE(json.readAll().contains("perpetua@vantongeren.test"));
    EXPECT_TRUE(QFileInfo::exists(folder + QStringLiteral("/audit.csv")));
    // The folder is never overwritten.
    EXPECT_EQ(run({QStringLiteral("person"), QStringLiteral("export"), id, folder}).code, 1);

    const CliRun unconfirmed = run({QStringLiteral("erase"), id});
    EXPECT_EQ(unconfirmed.code, 2);
    EXPECT_TRUE(unconfirmed.err.contains(QStringLiteral("--yes"))) << unconfirmed.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("erase"), QStringLiteral("0190f0a0-0000-7000-8000-000000000000"), QStringLiteral("--yes")}).code, 3);

    const CliRun erased = run({QStringLiteral("erase"), id, QStringLiteral("--yes")});
    ASSERT_EQ(erased.code, 0) << erased.err.toStdString();
    EXPECT_TRUE(erased.out.contains(QStringLiteral("Erased-"))) << erased.out.toStdString();
    const CliRun search = run({QStringLiteral("contacts"), QStringLiteral("search"), QStringLiteral("Vantongeren")});
    EXPECT_EQ(search.code, 0);
    EXPECT_FALSE(search.out.contains(QStringLiteral("Vantongeren"))) << search.out.toStdString();
    const CliRun list = run({QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--json")});
    EXPECT_TRUE(list.out.contains(QStringLiteral("Harbour Freight BV"))) << list.out.toStdString(); // the record stays
    EXPECT_FALSE(list.out.contains(QStringLiteral("perpetua")));
    const CliRun verify = run({QStringLiteral("verify")});
    EXPECT_EQ(verify.code, 0) << verify.err.toStdString();
}

TEST_F(CliTest, SegmentsSaveListAndExport)
{
    createPassphraseProfile();
    auto run = [&](QStringList args) {
        args << QStringLiteral("--profile") << profile() << QStringLiteral("--passphrase-stdin");
        return cli(args, kPass);
    };
    for (const auto& [last, city] : {std::pair{"Lindqvist", "Malmö"}, std::pair{"Berg", "Lyon"}, std::pair{"Okafor", "Lyon"}})
        ASSERT_EQ(run({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--last-name"), QLatin1String(last),
                       QStringLiteral("--city"), QString::fromUtf8(city)})
                      .code,
                  0);
    const CliRun bad = run({QStringLiteral("segments"), QStringLiteral("save"), QStringLiteral("Broken"),
                            QStringLiteral(R"({"rules":[{"field":"shoeSize","op":"equals","value":1}]})")});
    EXPECT_EQ(bad.code, 2);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("shoeSize"))) << bad.err.toStdString();
    const CliRun saved = run({QStringLiteral("segments"), QStringLiteral("save"), QStringLiteral("Lyon"),
                              QStringLiteral(R"({"match":"all","rules":[{"field":"city","op":"equals","value":"lyon"}]})")});
    ASSERT_EQ(saved.code, 0) << saved.err.toStdString();
    const QString id = saved.out.trimmed();
    const CliRun list = run({QStringLiteral("segments"), QStringLiteral("list")});
    EXPECT_TRUE(list.out.contains(id + QStringLiteral("\tLyon\t2"))) << list.out.toStdString();
    const QString file = dir.filePath(QStringLiteral("lyon.csv"));
    const CliRun exported = run({QStringLiteral("export"), file, QStringLiteral("--segment"), id});
    ASSERT_EQ(exported.code, 0) << exported.err.toStdString();
    QFile csv(file);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    EXPECT_TRUE(bytes.contains("Okafor"));
    EXPECT_FALSE(bytes.contains("Lindqvist"));
}

// commerce demo → the commission period life cycle → preview, statement and payout, through the real binary.
TEST_F(CliTest, CommissionsRunLockCommitStatementAndPayout)
{
    createPassphraseProfile();
    const auto run = [&](QStringList args) {
        args << QStringLiteral("--profile") << profile() << QStringLiteral("--passphrase-stdin");
        return cli(args, kPass);
    };
    CliRun r = run({QStringLiteral("commerce"), QStringLiteral("demo"), QStringLiteral("--distributors"), QStringLiteral("300"),
                    QStringLiteral("--months"), QStringLiteral("2"), QStringLiteral("--from"), QStringLiteral("2026-01"),
                    QStringLiteral("--quiet")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("2 periods"))) << r.out.toStdString();

    r = run({QStringLiteral("commissions"), QStringLiteral("lock"), QStringLiteral("--period"), QStringLiteral("2026-01")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("not been calculated"))) << r.err.toStdString();

    r = run({QStringLiteral("commissions"), QStringLiteral("run"), QStringLiteral("--period"), QStringLiteral("2026-01")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("is calculated"))) << r.out.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("%"))) << "progress is reported on stderr";
    r = run({QStringLiteral("commissions"), QStringLiteral("run"), QStringLiteral("--period"), QStringLiteral("2026-01"),
             QStringLiteral("--quiet")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("same as the previous run"))) << r.out.toStdString();

    r = run({QStringLiteral("commissions"), QStringLiteral("preview"), QStringLiteral("--period"), QStringLiteral("2026-01"),
             QStringLiteral("--limit"), QStringLiteral("1")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QStringList top = r.out.trimmed().split(QLatin1Char('\t'));
    ASSERT_EQ(top.size(), 5) << r.out.toStdString();
    EXPECT_EQ(top.at(4), QStringLiteral("0.00")); // unchanged since the previous run

    for (const char* verb : {"lock", "commit"}) {
        r = run({QStringLiteral("commissions"), QLatin1String(verb), QStringLiteral("--period"), QStringLiteral("2026-01")});
        ASSERT_EQ(r.code, 0) << verb << ": " << r.err.toStdString();
    }
    r = run({QStringLiteral("commissions"), QStringLiteral("periods")});
    EXPECT_TRUE(r.out.contains(QStringLiteral("\t2026-01\tcommitted\t"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("\t2026-02\topen\t"))) << r.out.toStdString();

    const QString csv = dir.filePath(QStringLiteral("statement.csv"));
    r = run({QStringLiteral("commissions"), QStringLiteral("statement"), QStringLiteral("--period"), QStringLiteral("2026-01"),
             QStringLiteral("--distributor"), top.at(0), QStringLiteral("--output"), csv});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_GE(lines.size(), 3); // header, at least one line, total
    EXPECT_TRUE(lines.first().startsWith(QStringLiteral("period,distributor,rule,order"))) << lines.first().toStdString();
    EXPECT_TRUE(lines.last().contains(top.at(2) + QStringLiteral(",EUR"))) << lines.last().toStdString();

    // Nobody has approved KYC in the demo: everything is held.
    r = run({QStringLiteral("commissions"), QStringLiteral("payout"), QStringLiteral("--period"), QStringLiteral("2026-01"),
             QStringLiteral("--minimum"), QStringLiteral("2000")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral(": 0.00 payable, 0.00 carried forward"))) << r.out.toStdString();
    r = run({QStringLiteral("commissions"), QStringLiteral("payout"), QStringLiteral("--period"), QStringLiteral("2026-02"),
             QStringLiteral("--minimum"), QStringLiteral("2000")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("not committed"))) << r.err.toStdString();
}
