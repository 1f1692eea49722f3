// main() for every GoogleTest executable: a QApplication-free QCoreApplication unless the test links
// Qt Widgets, in which case OUTPOST_TEST_GUI is defined and a QApplication is made.
#include <QCoreApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

#ifdef OUTPOST_TEST_GUI
#include <QApplication>
#endif

int main(int argc, char** argv)
{
    // Tests never touch a real user's settings or data.
    QStandardPaths::setTestModeEnabled(true);
#ifdef OUTPOST_TEST_GUI
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setOrganizationName(QStringLiteral("OutpostTests"));
    QCoreApplication::setApplicationName(QStringLiteral("outpost-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
