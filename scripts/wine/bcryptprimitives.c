/* A stand-in for bcryptprimitives.dll under Wine 8, which lacks ProcessPrng: Rust's std
 * (1.78 and later) takes all its randomness (HashMap keys, among others) from it, so
 * without it every Rust program panics at its first HashMap. ProcessPrng here is
 * RtlGenRandom (advapi32's SystemFunction036), which Wine implements. Only for the tests
 * run under Wine (scripts/test-platforms.sh); never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
