using System.Runtime.InteropServices;

namespace Keel.Learn.Native;

/// <summary>The few functions of LightGBM's C API that Keel calls (lib_lightgbm from the LightGBM package).</summary>
internal static partial class LightGbmNative
{
    private const string Lib = "lib_lightgbm";

    /// <summary>
    /// LightGBM's OpenMP threads spin while they wait by default; when another busy process shares the cores, spinning
    /// threads slow training down many times over. Waiting passively costs little when the machine is idle. A value the
    /// user set in the environment wins. Runs before the first call into lib_lightgbm (libgomp reads it at load).
    /// </summary>
    static LightGbmNative()
    {
        if (OperatingSystem.IsLinux()) _ = SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
    public const int DTypeFloat32 = 0;
    public const int DTypeFloat64 = 1;
    public const int PredictNormal = 0;
    public const int PredictRawScore = 1;
    public const int PredictContrib = 3;

    [LibraryImport(Lib)]
    private static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(IntPtr data, int dataType, int nrow, int ncol, int isRowMajor, string parameters, IntPtr reference, out IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(IntPtr handle, string field, IntPtr data, int count, int type);

    [LibraryImport(Lib)]
    public static partial int LGBM_DatasetFree(IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(IntPtr train, string parameters, out IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterLoadModelFromString(string model, out int iterations, out IntPtr handle);

    [LibraryImport(Lib)]
    public static partial int LGBM_BoosterUpdateOneIter(IntPtr handle, out int finished);

    [LibraryImport(Lib)]
    public static partial int LGBM_BoosterSaveModelToString(IntPtr handle, int startIteration, int numIteration, int importanceType, long bufferLength, out long outLength, IntPtr buffer);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(IntPtr handle, IntPtr data, int dataType, int nrow, int ncol, int isRowMajor, int predictType, int startIteration, int numIteration, string parameters, out long outLength, IntPtr result);

    [LibraryImport(Lib)]
    public static partial int LGBM_BoosterFree(IntPtr handle);

    /// <summary>Turns a non-zero return code into an exception with LightGBM's own message.</summary>
    public static void Check(int code, string what)
    {
        if (code == 0) return;
        var message = Marshal.PtrToStringUTF8(LGBM_GetLastError()) ?? "unknown error";
        throw new KeelLearnException($"LightGBM failed to {what}: {message}");
    }
}
