using Cni.Tool;

return await ToolCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
