#include "contacts/Contact.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"

#include "TempDir.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

QByteArray allBytesOfProfile(const QString& dir)
{
    QByteArray all;
    const QStringList files = QDir(dir).entryList({QStringLiteral("outpost.db*")}, QDir::Files);
    for (const QString& f : files)
        all += test::readFileBytes(QDir(dir).filePath(f));
    return all;
}

TEST(EncryptionAtRestTest, NoGeneratedPersonalDataAppearsInAnyFileOfTheProfile)
{
    test::TempDir dir;
    ProfileInfo info;
    info.dir = dir.path();
    info.id = newUuidV7();
    info.name = QStringLiteral("at-rest");
    const SecretBytes key = SecretBytes::random(32);
    auto ws = Workspace::open(info, key, Database::OpenMode::CreateNew);
    ASSERT_TRUE(ws.ok()) << ws.message().toStdString();
    DemoDataLoader::Options o;
    o.contacts = 3000;
    o.seed = 5;
    ASSERT_TRUE(DemoDataLoader::loadContacts(*ws.value(), o).ok());

    // While open (data may still sit in the WAL) and after closing.
    const DemoDataGenerator gen(5);
    auto check = [&](const char* when) {
        const QByteArray bytes = allBytesOfProfile(dir.path());
        ASSERT_GT(bytes.size(), 100000);
        EXPECT_FALSE(bytes.contains(QByteArray("SQLite format 3\0", 16))) << when;
        int checked = 0;
        for (int i = 0; i < 3000; i += 97) {
            const DemoContact c = gen.contact(i);
            // As typed, and as stored in the derived search column.
            const QStringList values{c.email, c.phone, c.street,
                                     DemoDataLoader::toContact(c).searchText()};
            for (const QString& value : values) {
                if (value.size() < 6)
                    continue;
                ++checked;
                EXPECT_FALSE(bytes.contains(value.toUtf8())) << when << ": found " << value.toStdString();
                EXPECT_FALSE(bytes.contains(QByteArray(reinterpret_cast<const char*>(value.utf16()), value.size() * 2)))
                    << when << ": found UTF-16 " << value.toStdString();
            }
            if (c.lastName.size() >= 6) {
                EXPECT_FALSE(bytes.contains(c.lastName.toUtf8())) << when << ": found " << c.lastName.toStdString();
            }
        }
        EXPECT_GT(checked, 50);
    };
    check("open");
    ws.value().reset();
    check("closed");
}

} // namespace
