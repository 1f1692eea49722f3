#include "GuiTestUtil.h"

namespace outpost::test {

QWidget* findVisible(const QString& name)
{
    const auto tops = QApplication::topLevelWidgets();
    for (QWidget* top : tops) {
        if (!top->isVisible())
            continue;
        if (top->objectName() == name)
            return top;
        const auto matches = top->findChildren<QWidget*>(name);
        for (QWidget* w : matches)
            if (w->isVisible())
                return w;
    }
    return nullptr;
}

void typeInto(QLineEdit* edit, const QString& text)
{
    ASSERT_NE(edit, nullptr);
    ASSERT_TRUE(edit->isVisible()) << edit->objectName().toStdString() << " is not visible";
    ASSERT_TRUE(edit->isEnabled()) << edit->objectName().toStdString() << " is disabled";
    edit->setFocus();
    edit->selectAll();
    if (edit->hasSelectedText())
        QTest::keyClick(edit, Qt::Key_Delete);
    // QTest::keyClicks only knows ASCII; other characters are sent as key events carrying the text, as an
    // input method or a composed key would.
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(edit, c.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

void click(QAbstractButton* button)
{
    ASSERT_NE(button, nullptr);
    ASSERT_TRUE(button->isVisible()) << button->objectName().toStdString() << " is not visible";
    ASSERT_TRUE(button->isEnabled()) << button->objectName().toStdString() << " is disabled";
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace outpost::test

#include "util/Uuid.h"

#include <QJsonObject>

namespace outpost::test {

std::unique_ptr<Workspace> makeWorkspace(const QString& dir, const QString& name)
{
    ProfileInfo info;
    info.dir = dir;
    info.id = newUuidV7();
    info.name = name;
    auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
    EXPECT_TRUE(ws.ok()) << ws.message().toStdString();
    return ws.ok() ? std::move(ws.value()) : nullptr;
}

void addContacts(Workspace& workspace, int count)
{
    static const QStringList first = {QStringLiteral("Anna"), QStringLiteral("Ben"), QStringLiteral("Clara"),
                                      QStringLiteral("David"), QStringLiteral("Elif"), QStringLiteral("Finn")};
    static const QStringList last = {QStringLiteral("Becker"), QStringLiteral("Dubois"), QStringLiteral("Ferrari"),
                                     QStringLiteral("Hansen"), QStringLiteral("Kowalski"), QStringLiteral("Weber"),
                                     QStringLiteral("Young")};
    QList<Contact> contacts;
    for (int i = 0; i < count; ++i) {
        Contact c;
        c.id = newUuidV7();
        c.firstName = first.at(i % first.size());
        c.lastName = QStringLiteral("%1 %2").arg(last.at(i % last.size())).arg(i, 4, 10, QLatin1Char('0'));
        c.email = QStringLiteral("p%1@example.com").arg(i);
        c.city = QStringLiteral("Lyon");
        c.country = QStringLiteral("FR");
        c.createdAt = 1'767'225'600'000;
        contacts << c;
    }
    auto r = workspace.contacts().insertBulk(contacts, QStringLiteral("test"));
    EXPECT_TRUE(r.ok()) << r.message().toStdString();
}

QString createContact(Workspace& workspace, const QString& first, const QString& last, const QString& email)
{
    const QString id = newUuidV7();
    auto m = workspace.mutations().submit(
        QStringLiteral("contact.create"),
        QJsonObject{{QStringLiteral("id"), id},
                    {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                           {QStringLiteral("lastName"), last},
                                                           {QStringLiteral("email"), email}}}});
    EXPECT_TRUE(m.ok()) << m.message().toStdString();
    return id;
}

} // namespace outpost::test
