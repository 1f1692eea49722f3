#pragma once

#include "Wait.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QString>
#include <QTest>
#include <QWidget>

#include <ostream>

#include <gtest/gtest.h>

// Readable QStrings in GoogleTest failure messages.
inline void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace outpost::test {

// The visible widget named `name` in any top-level window (dialogs included), or null.
QWidget* findVisible(const QString& name);

template <typename T>
T* findVisible(const QString& name)
{
    return qobject_cast<T*>(findVisible(name));
}

// Waits until a visible widget named `name` of type T exists.
template <typename T = QWidget>
T* waitForVisible(const QString& name, int timeoutMs = 10000)
{
    T* found = nullptr;
    waitUntil([&] { return (found = findVisible<T>(name)) != nullptr; }, timeoutMs);
    return found;
}

// The child named `name` of `parent`, failing the test when it is missing.
template <typename T = QWidget>
T* child(QObject* parent, const QString& name)
{
    T* w = parent ? parent->findChild<T*>(name) : nullptr;
    EXPECT_NE(w, nullptr) << "no child named " << name.toStdString();
    return w;
}

// Replaces the text of a line edit the way a user does: focus, select all, type.
void typeInto(QLineEdit* edit, const QString& text);
// Clicks a button with the mouse; fails the test if it is not visible and enabled.
void click(QAbstractButton* button);

} // namespace outpost::test

#include "contacts/Contact.h"
#include "profile/Workspace.h"

#include <memory>

namespace outpost::test {

// A fresh keyed workspace in `dir` (no keychain, no profile.json): for page-level tests.
std::unique_ptr<Workspace> makeWorkspace(const QString& dir, const QString& name = QStringLiteral("Test"));
// `count` deterministic contacts ("Person 0001 Family…"), inserted with insertBulk.
void addContacts(Workspace& workspace, int count);
// Submits contact.create; returns the new id.
QString createContact(Workspace& workspace, const QString& first, const QString& last, const QString& email = {});

} // namespace outpost::test
