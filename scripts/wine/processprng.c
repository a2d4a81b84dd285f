/* bcryptprimitives.dll for Wine 8 (Debian bookworm), which lacks it: Go ≥ 1.22 programs get
 * their random bytes from ProcessPrng there and die at start without it. This one exports
 * ProcessPrng and fills the buffer with advapi32's RtlGenRandom (SystemFunction036), which Wine
 * has. Test use only: it is copied into the test's own WINEPREFIX, never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
