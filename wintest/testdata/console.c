/* console.exe CMDLINE SHOWN [STDOUT]: runs CMDLINE in a console of its own, as cmd.exe runs
 * a program typed at its prompt, waits for it, and writes what the console shows to the file
 * SHOWN (UTF-8, a line per console row, trailing blanks cut). With STDOUT, the program's
 * standard output goes to that file instead, as `> STDOUT` at the prompt does. Its exit status
 * is the program's (100 and up: console.exe's own failures). Built by the Wine test with
 * MinGW-w64, for the test only. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3 && argc != 4)
        return 100;
    FreeConsole();
    if (!AllocConsole())
        return 101;
    /* As Windows starts a GUI program from a console: no standard handles (Wine would pass
     * the console's on, and the program would not need to attach). */
    STARTUPINFOW si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = si.hStdOutput = si.hStdError = NULL;
    if (argc == 4) {
        SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
        si.hStdOutput = CreateFileW(argv[3], GENERIC_WRITE, FILE_SHARE_READ, &inherit, CREATE_ALWAYS, 0, NULL);
        if (si.hStdOutput == INVALID_HANDLE_VALUE)
            return 108;
    }
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(NULL, argv[1], NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
        return 102;
    if (WaitForSingleObject(pi.hProcess, 120000) != WAIT_OBJECT_0)
        return 103;
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);

    HANDLE con = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                             NULL, OPEN_EXISTING, 0, NULL);
    CONSOLE_SCREEN_BUFFER_INFO info;
    if (con == INVALID_HANDLE_VALUE || !GetConsoleScreenBufferInfo(con, &info)) {
        fprintf(stderr, "console.exe: cannot read the console: error %lu\n", GetLastError());
        return 104;
    }
    FILE *f = _wfopen(argv[2], L"wb");
    if (!f)
        return 105;
    SHORT width = info.dwSize.X;
    wchar_t *row = malloc(sizeof(wchar_t) * (width + 1));
    char *utf8 = malloc(4 * (width + 1));
    for (SHORT y = 0; y <= info.dwCursorPosition.Y; y++) {
        DWORD n = 0;
        COORD at = {0, y};
        if (!ReadConsoleOutputCharacterW(con, row, width, at, &n))
            return 106;
        while (n > 0 && row[n - 1] == L' ')
            n--;
        int m = WideCharToMultiByte(CP_UTF8, 0, row, n, utf8, 4 * (width + 1), NULL, NULL);
        fwrite(utf8, 1, m, f);
        fputc('\n', f);
    }
    fclose(f);
    return (int)code;
}
