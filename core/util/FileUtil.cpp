#include "util/FileUtil.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

#include <filesystem>
#include <system_error>

namespace outpost {

Status writeFileAtomically(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return Error(ErrorCode::Io, QCoreApplication::translate("FileUtil", "Could not write %1: %2")
                                        .arg(QDir::toNativeSeparators(path), f.errorString()));
    return {};
}

Status replaceFile(const QString& from, const QString& to)
{
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(from.toStdU16String()), std::filesystem::path(to.toStdU16String()), ec);
    if (ec)
        return Error(ErrorCode::Io, QCoreApplication::translate("FileUtil", "Could not replace %1 with %2: %3")
                                        .arg(QDir::toNativeSeparators(to), QDir::toNativeSeparators(from),
                                             QString::fromStdString(ec.message())));
    return {};
}

} // namespace outpost
